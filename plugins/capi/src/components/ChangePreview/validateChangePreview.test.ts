import {
  discoveryApiRef,
  fetchApiRef,
  type ApiHolder,
} from '@backstage/core-plugin-api';
import { validateChangePreview } from './validateChangePreview';
import { validateChangeCount } from '../ChangeCountField/ChangeCountField';
import { validateKubernetesVersion } from '../KubernetesVersionPicker/KubernetesVersionPicker';
import { validateNodePool } from '../NodePoolPicker/validateNodePool';
import { forgetDay2Check } from './day2Check';

type JsonObject = Parameters<typeof validateChangePreview>[2]['formData'];

function backend(status: number, body: unknown) {
  const fetch = jest.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  const apis = new Map<string, unknown>([
    [discoveryApiRef.id, { getBaseUrl: async () => 'http://b/api/scaffolder' }],
    [fetchApiRef.id, { fetch }],
  ]);
  const apiHolder: ApiHolder = { get: ref => apis.get(ref.id) as never };
  return { fetch, apiHolder };
}

async function problemsOf(
  validator: (...args: any[]) => void | Promise<void>,
  uiOptions: Record<string, unknown>,
  apiHolder: ApiHolder,
  formData: JsonObject,
) {
  const messages: string[] = [];
  await validator(
    undefined,
    { addError: (m: string) => messages.push(m) },
    { apiHolder, formData, schema: {}, uiSchema: { 'ui:options': uiOptions } },
  );
  return messages;
}

const scale = {
  cluster: 'onprem-fra/team-payments/payments-prod',
  pool: 'general',
  scaling: 'fixed',
};
const impact = { action: 'capi-scale-node-pool' };
const replicas = { change: 'capi-scale-node-pool', checks: 'replicas' };
const min = { change: 'capi-scale-node-pool', checks: 'autoscaling.min' };
const max = { change: 'capi-scale-node-pool', checks: 'autoscaling.max' };

describe('day-2 forms: each problem on the input it is about, before Review', () => {
  beforeEach(() => forgetDay2Check());

  it('marks 500 machines on Machines, not on the impact, with one request for both', async () => {
    const { fetch, apiHolder } = backend(200, {
      problems: [
        {
          field: 'replicas',
          message:
            'node pool "general": replicas 500 exceeds the profile\'s limit of 20',
        },
      ],
    });
    const form = { ...scale, replicas: 500 };
    expect(
      await problemsOf(validateChangeCount, replicas, apiHolder, form),
    ).toEqual([
      'Node pool "general": replicas 500 exceeds the profile\'s limit of 20.',
    ]);
    expect(
      await problemsOf(validateChangePreview, impact, apiHolder, form),
    ).toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(
      'http://b/api/scaffolder/capi/validate/day2',
      expect.objectContaining({
        body: JSON.stringify({
          change: 'capi-scale-node-pool',
          cluster: scale.cluster,
          pool: 'general',
          replicas: 500,
        }),
      }),
    );
  });

  it('marks autoscaling bounds on the bound each is about', async () => {
    const { apiHolder } = backend(200, {
      problems: [
        {
          field: 'autoscaling.min',
          message: 'autoscaling min 5 is greater than max 2',
        },
      ],
    });
    const form = {
      ...scale,
      scaling: 'autoscaled',
      autoscaling: { min: 5, max: 2 },
    };
    expect(await problemsOf(validateChangeCount, min, apiHolder, form)).toEqual(
      ['Autoscaling min 5 is greater than max 2.'],
    );
    expect(await problemsOf(validateChangeCount, max, apiHolder, form)).toEqual(
      [],
    );
  });

  it('marks a refused version on the version picker of an upgrade', async () => {
    const { apiHolder } = backend(200, {
      problems: [
        {
          field: 'kubernetesVersion',
          message: 'v1.40.0 skips a minor version',
        },
      ],
    });
    const form = {
      cluster: scale.cluster,
      kubernetesVersion: 'v1.40.0',
    };
    expect(
      await problemsOf(
        validateKubernetesVersion,
        { upgradeFromCluster: 'cluster' },
        apiHolder,
        form,
      ),
    ).toEqual(['V1.40.0 skips a minor version.']);
    // A new-cluster form's version picker does not ask.
    expect(
      await problemsOf(
        validateKubernetesVersion,
        { profileField: 'profile' },
        apiHolder,
        form,
      ),
    ).toEqual([]);
  });

  it('marks what the dry run refuses about the pool on the pool, not on the impact', async () => {
    const { apiHolder } = backend(200, {
      problems: [
        { field: 'pool', message: 'Cluster "x" has no node pool "nope"' },
      ],
    });
    const form = { ...scale, pool: 'nope', replicas: 2 };
    const onPool: string[] = [];
    await validateNodePool(
      'nope',
      { addError: (m: string) => onPool.push(m) } as never,
      {
        apiHolder,
        formData: form,
        schema: {},
        uiSchema: { 'ui:options': { change: 'capi-scale-node-pool' } },
      } as never,
    );
    expect(onPool).toEqual(['Cluster "x" has no node pool "nope".']);
    expect(
      await problemsOf(validateChangePreview, impact, apiHolder, form),
    ).toEqual([]);
    expect(
      await problemsOf(validateChangeCount, replicas, apiHolder, form),
    ).toEqual([]);
  });

  it('lets a change the check accepts, or a backend that cannot answer, through', async () => {
    expect(
      await problemsOf(
        validateChangeCount,
        replicas,
        backend(200, { problems: [], summary: 'No machine is replaced.' })
          .apiHolder,
        { ...scale, replicas: 3 },
      ),
    ).toEqual([]);
    forgetDay2Check();
    expect(
      await problemsOf(
        validateChangeCount,
        replicas,
        backend(503, { error: { name: 'Error', message: 'down' } }).apiHolder,
        { ...scale, replicas: 3 },
      ),
    ).toEqual([]);
  });
});
