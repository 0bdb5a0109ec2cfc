import {
  discoveryApiRef,
  fetchApiRef,
  type ApiHolder,
} from '@backstage/core-plugin-api';
import { validateChangePreview } from './validateChangePreview';

type JsonObject = Parameters<typeof validateChangePreview>[2]['formData'];

function backend(status: number, message?: string) {
  const fetch = jest.fn(
    async () =>
      new Response(
        JSON.stringify(
          message ? { error: { name: 'InputError', message } } : { output: {} },
        ),
        { status, headers: { 'content-type': 'application/json' } },
      ),
  );
  const apis = new Map<string, unknown>([
    [discoveryApiRef.id, { getBaseUrl: async () => 'http://b/api/scaffolder' }],
    [fetchApiRef.id, { fetch }],
  ]);
  const apiHolder: ApiHolder = { get: ref => apis.get(ref.id) as never };
  return { fetch, apiHolder };
}

async function check(apiHolder: ApiHolder, formData: JsonObject) {
  const messages: string[] = [];
  await validateChangePreview(
    undefined as never,
    { addError: (m: string) => messages.push(m) } as never,
    {
      apiHolder,
      formData,
      schema: {},
      uiSchema: { 'ui:options': { action: 'capi-scale-node-pool' } },
    },
  );
  return messages;
}

const scale = {
  cluster: 'onprem-fra/team-payments/payments-prod',
  pool: 'general',
  scaling: 'fixed',
};

describe('the day-2 preview field stops the form before Review', () => {
  it('shows each problem the dry run refuses, as a sentence (500 machines)', async () => {
    const { fetch, apiHolder } = backend(
      400,
      'Invalid node pool change: 1 problem:\n- node pool "general": replicas 500 is more than the profile allows (at most 20)',
    );
    expect(await check(apiHolder, { ...scale, replicas: 500 })).toEqual([
      'Node pool "general": replicas 500 is more than the profile allows (at most 20).',
    ]);
    expect(fetch).toHaveBeenCalledWith(
      'http://b/api/scaffolder/.backstage/actions/v1/actions/scaffolder:capi-scale-node-pool/invoke',
      expect.objectContaining({
        body: JSON.stringify({
          cluster: scale.cluster,
          pool: 'general',
          replicas: 500,
          dryRun: true,
        }),
      }),
    );
  });

  it('refuses autoscaling bounds with the minimum above the maximum without asking', async () => {
    const { fetch, apiHolder } = backend(200);
    expect(
      await check(apiHolder, {
        ...scale,
        scaling: 'autoscaled',
        autoscaling: { min: 5, max: 2 },
      }),
    ).toEqual([
      'The minimum (5) is larger than the maximum (2) of the autoscaling bounds.',
    ]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('lets a change the dry run accepts, or a backend that cannot answer, through', async () => {
    expect(
      await check(backend(200).apiHolder, { ...scale, replicas: 3 }),
    ).toEqual([]);
    expect(
      await check(backend(503, 'down').apiHolder, { ...scale, replicas: 3 }),
    ).toEqual([]);
  });
});
