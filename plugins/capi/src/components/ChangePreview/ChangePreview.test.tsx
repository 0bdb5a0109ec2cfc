import { screen, waitFor } from '@testing-library/react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { fieldProps } from '../../__fixtures__/fieldProps';
import { ChangePreview, type ChangePreviewUiOptions } from './ChangePreview';
import { previewInput } from './previewInput';
import { forgetDay2Check } from './day2Check';

const CLUSTER = 'onprem-fra/team-payments/payments-prod';

async function renderPreview(
  form: Record<string, unknown>,
  respond: (url: string, body: unknown) => Response,
) {
  const calls: Array<{ url: string; body: unknown }> = [];
  const fetchApi = {
    fetch: jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const body = JSON.parse(String(init?.body));
      calls.push({ url, body });
      return respond(url, body);
    }),
  };
  const props = fieldProps<string, ChangePreviewUiOptions>({
    formContextData: form,
    uiOptions: { action: 'capi-scale-node-pool' },
    schema: { title: 'Impact' },
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [fetchApiRef, fetchApi],
        [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://backend' })],
      ]}
    >
      <ChangePreview {...props} />
    </TestApiProvider>,
  );
  return { props, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('ChangePreview', () => {
  beforeEach(() => forgetDay2Check());

  it('shows the impact of the form’s change from a dry run, and hands it to Review as its value', async () => {
    const { props, calls } = await renderPreview(
      { cluster: CLUSTER, pool: 'general', scaling: 'fixed', replicas: 5 },
      () =>
        json(200, { problems: [], summary: 'Creates 2 machines in general.' }),
    );
    expect(
      await screen.findByText(
        'Creates 2 machines in general.',
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(calls[0].url).toBe(
      'http://backend/api/scaffolder/capi/validate/day2',
    );
    expect(calls[0].body).toEqual({
      change: 'capi-scale-node-pool',
      cluster: CLUSTER,
      pool: 'general',
      replicas: 5,
    });
    await waitFor(() =>
      expect(props.onChange).toHaveBeenCalledWith(
        'Creates 2 machines in general.',
      ),
    );
  });

  it('points at the input that shows a refused number, and says a problem no input shows', async () => {
    await renderPreview(
      { cluster: CLUSTER, pool: 'general', scaling: 'fixed', replicas: 500 },
      () =>
        json(200, {
          problems: [
            {
              field: 'replicas',
              message: 'node pool "general": replicas 500 exceeds the limit',
            },
            { field: 'change', message: 'the profile is gone' },
          ],
        }),
    );
    expect(
      await screen.findByText(
        'The impact follows once the number of machines is fixed.',
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('The profile is gone.')).toBeInTheDocument();
    // The number's own problem is shown on its input only.
    expect(screen.queryByText(/replicas 500/)).not.toBeInTheDocument();
  });

  it('shows a backend that cannot check as a warning', async () => {
    await renderPreview(
      { cluster: CLUSTER, pool: 'general', scaling: 'fixed', replicas: 5 },
      () =>
        json(409, {
          error: { name: 'ConflictError', message: 'a scale is in flight' },
          request: { method: 'POST', url: '/capi/validate/day2' },
          response: { statusCode: 409 },
        }),
    );
    expect(
      await screen.findByText('a scale is in flight', {}, { timeout: 5000 }),
    ).toBeInTheDocument();
  });

  it('asks for what is missing instead of calling the backend', async () => {
    const { calls } = await renderPreview({ cluster: CLUSTER }, () =>
      json(500, {}),
    );
    expect(
      await screen.findByText('Choose a node pool to see the impact.'),
    ).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});

describe('previewInput', () => {
  it('maps each template’s own fields to the day-2 check', () => {
    expect(
      previewInput('capi-upgrade-kubernetes', {
        cluster: CLUSTER,
        kubernetesVersion: 'v1.34.1',
      }),
    ).toEqual({
      ready: true,
      input: {
        change: 'capi-upgrade-kubernetes',
        cluster: CLUSTER,
        kubernetesVersion: 'v1.34.1',
      },
    });
    expect(
      previewInput('capi-scale-node-pool', {
        cluster: CLUSTER,
        pool: 'general',
        scaling: 'autoscaled',
        autoscaling: { min: 1, max: 3 },
        confirmConcurrentChange: true,
      }),
    ).toEqual({
      ready: true,
      input: {
        change: 'capi-scale-node-pool',
        cluster: CLUSTER,
        pool: 'general',
        autoscaling: { min: 1, max: 3 },
        confirmConcurrentChange: true,
      },
    });
    expect(
      previewInput('capi-scale-node-pool', {
        cluster: CLUSTER,
        pool: 'general',
        scaling: 'autoscaled',
        autoscaling: { min: 1 },
      }),
    ).toMatchObject({ ready: false });
    // Decommission: the cluster alone; the typed confirmation is not sent.
    expect(
      previewInput('capi-decommission-cluster', {
        cluster: CLUSTER,
        confirm: 'payments-prod',
      }),
    ).toEqual({
      ready: true,
      input: { change: 'capi-decommission-cluster', cluster: CLUSTER },
    });
  });
});
