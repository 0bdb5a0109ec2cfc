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
  it('shows the impact of the form’s change from a dry run, and hands it to Review as its value', async () => {
    const { props, calls } = await renderPreview(
      { cluster: CLUSTER, pool: 'general', scaling: 'fixed', replicas: 5 },
      () =>
        json(200, {
          output: { dryRun: true, summary: 'Creates 2 machines in general.' },
        }),
    );
    expect(
      await screen.findByText(
        'Creates 2 machines in general.',
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(calls[0].url).toBe(
      'http://backend/api/scaffolder/.backstage/actions/v1/actions/scaffolder:capi-scale-node-pool/invoke',
    );
    expect(calls[0].body).toEqual({
      cluster: CLUSTER,
      pool: 'general',
      replicas: 5,
      dryRun: true,
    });
    await waitFor(() =>
      expect(props.onChange).toHaveBeenCalledWith(
        'Creates 2 machines in general.',
      ),
    );
  });

  it('shows the backend’s refusal on the form, before Review', async () => {
    await renderPreview(
      { cluster: CLUSTER, pool: 'general', scaling: 'fixed', replicas: 500 },
      () =>
        json(400, {
          error: {
            name: 'InputError',
            message: 'node pool general: at most 20 machines in this profile',
          },
          request: { method: 'POST', url: '/invoke' },
          response: { statusCode: 400 },
        }),
    );
    expect(
      await screen.findByText(
        'node pool general: at most 20 machines in this profile',
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
  });

  it('asks for what is missing instead of calling the backend', async () => {
    const { calls } = await renderPreview({ cluster: CLUSTER }, () =>
      json(500, {}),
    );
    expect(
      await screen.findByText('Name the node pool to see the impact.'),
    ).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});

describe('previewInput', () => {
  it('maps each template’s own fields to the preview action input', () => {
    expect(
      previewInput('capi-upgrade-kubernetes', {
        cluster: CLUSTER,
        kubernetesVersion: 'v1.34.1',
      }),
    ).toEqual({
      ready: true,
      input: { cluster: CLUSTER, kubernetesVersion: 'v1.34.1' },
    });
    expect(
      previewInput('capi-scale-node-pool', {
        cluster: CLUSTER,
        pool: 'general',
        scaling: 'autoscaled',
        autoscaling: { min: 1, max: 3 },
      }),
    ).toMatchObject({ ready: false });
  });
});
