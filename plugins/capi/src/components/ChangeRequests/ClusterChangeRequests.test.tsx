import { act, screen, waitFor, within } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  CAPI_SIGNAL_CHANNELS,
  type ChangeRequest,
} from '@capstan/plugin-capi-common';
import { FakeSignalApi, paymentsComponent } from '../../__fixtures__/testApis';
import { ClusterChangeRequests } from './ClusterChangeRequests';
import { ChangeRequestHistory } from './ChangeRequestHistory';

jest.setTimeout(30_000);

const CLUSTER = 'onprem-fra/team-payments/payments-prod';
const PROD = {
  id: CLUSTER,
  name: 'payments-prod',
  namespace: 'team-payments',
  managementCluster: 'onprem-fra',
  managementClusterTitle: 'On-prem Frankfurt',
};
const T0 = Date.parse('2026-11-30T12:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function request(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id: 'a'.repeat(32),
    clusterId: CLUSTER,
    managementCluster: 'onprem-fra',
    namespace: 'team-payments',
    name: 'payments-prod',
    kind: 'update-pool',
    requestedBy: 'user:default/mia',
    taskId: 'task-1',
    taskUrl: 'http://localhost:3000/create/tasks/task-1',
    mode: 'pull-request',
    commitSha: 'abcdef1234567890abcdef1234567890abcdef12',
    pullRequestUrl: 'https://github.com/acme/gitops/pull/3',
    desired: { present: true, pools: [{ name: 'workers', replicas: 5 }] },
    requestedAt: at(0),
    stage: 'pr-open',
    stageSince: at(5),
    stages: { requested: at(0), 'pr-open': at(5) },
    ...overrides,
  };
}

function backend(answers: {
  open?: ChangeRequest[];
  history?: ChangeRequest[];
}) {
  const calls: string[] = [];
  const fetchApi = {
    fetch: jest.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      calls.push(url);
      const body = url.includes('/history')
        ? { items: answers.history ?? [], total: answers.history?.length ?? 0 }
        : { items: answers.open ?? [] };
      return new Response(JSON.stringify(body), { status: 200 });
    }),
  };
  const discovery = {
    getBaseUrl: async () => 'http://localhost:7007/api/capi',
  };
  return { answers, calls, fetchApi, discovery };
}

async function render(
  b: ReturnType<typeof backend>,
  element: JSX.Element,
  signals = new FakeSignalApi(),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, b.discovery],
        [fetchApiRef, b.fetchApi],
        [signalApiRef, signals],
      ]}
    >
      <EntityProvider entity={paymentsComponent}>{element}</EntityProvider>
    </TestApiProvider>,
  );
  return signals;
}

describe('ClusterChangeRequests', () => {
  it('shows an open pull request as a stepper with who asked, time in stage and links, and follows it live', async () => {
    const b = backend({ open: [request()] });
    const signals = await render(b, <ClusterChangeRequests cluster={PROD} />);
    const group = await screen.findByRole('group', {
      name: 'Change request: Node pool change of payments-prod, Pull request open',
    });
    expect(group).toHaveTextContent(/asked by mia/);
    expect(group).toHaveTextContent(/Pull request open for \d+/);
    expect(
      within(group).getByRole('link', { name: /^Pull request/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/gitops/pull/3');
    expect(within(group).getByRole('link', { name: /^Task/ })).toHaveAttribute(
      'href',
      'http://localhost:3000/create/tasks/task-1',
    );
    expect(group).toHaveTextContent('Commit abcdef12');
    // Each stage's time on the 24-hour UTC clock, whatever the locale.
    expect(group).toHaveTextContent(`${at(5).slice(11, 19)} UTC`);
    expect(group).not.toHaveTextContent(/\b[AP]M\b/);
    expect(b.calls[0]).toBe(
      `http://localhost:7007/api/capi/change-requests?cluster=${encodeURIComponent(
        CLUSTER,
      )}`,
    );

    // The backend moves the request on and signals the entity's channel.
    b.answers.open = [
      request({
        stage: 'failed',
        stageSince: at(100),
        stages: {
          requested: at(0),
          'pr-open': at(5),
          merged: at(30),
          'in-git': at(40),
          applied: at(50),
          failed: at(100),
        },
        reason:
          'Stuck in applied for more than 30 min: pool workers 3/5 up to date',
      }),
    ];
    act(() =>
      signals.publish(
        CAPI_SIGNAL_CHANNELS.entity('component:default/payments-api'),
        {
          type: 'refresh',
          clusterIds: [],
        },
      ),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('group', {
          name: 'Change request: Node pool change of payments-prod, Failed',
        }),
      ).toBeInTheDocument(),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Stuck in applied for more than 30 min: pool workers 3/5 up to date',
    );
  });

  it('says the cluster by its name, never its id', async () => {
    const b = backend({ open: [request()] });
    await render(b, <ClusterChangeRequests cluster={PROD} />);
    const section = await screen.findByRole('region', {
      name: 'Change requests of payments-prod',
    });
    expect(
      within(section).getByRole('link', {
        name: /^Task of the Node pool change of payments-prod\b/,
      }),
    ).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(CLUSTER);
  });

  it('says where the cluster is, in words, when a namesake is on the page', async () => {
    const b = backend({ open: [request()] });
    await render(b, <ClusterChangeRequests cluster={PROD} showPlace />);
    const where =
      'payments-prod in namespace team-payments on On-prem Frankfurt';
    const section = await screen.findByRole('region', {
      name: `Change requests of ${where}`,
    });
    expect(
      within(section).getByRole('group', {
        name: `Change request: Node pool change of ${where}, Pull request open`,
      }),
    ).toHaveTextContent(new RegExp(`^Node pool change of ${where} · asked by`));
    expect(
      within(section).getByRole('link', {
        name: new RegExp(`^Pull request of the Node pool change of ${where}`),
      }),
    ).toBeInTheDocument();
  });

  it('shows nothing when the cluster has no change requests', async () => {
    const b = backend({ open: [] });
    await render(b, <ClusterChangeRequests cluster={PROD} />);
    await waitFor(() => expect(b.calls).toHaveLength(1));
    expect(screen.queryByTestId('change-request')).not.toBeInTheDocument();
  });
});

describe('ChangeRequestHistory', () => {
  it('lists the last requests newest first, ten per page', async () => {
    const history = Array.from({ length: 12 }, (_, i) =>
      request({
        id: i.toString(16).padStart(32, '0'),
        kind: i === 0 ? 'upgrade' : 'update-pool',
        stage: 'done',
        requestedAt: at(1000 - i),
      }),
    );
    const b = backend({ history });
    await render(b, <ChangeRequestHistory clusterId={CLUSTER} />);
    expect(
      await screen.findByText('Last 12 of 12 change requests'),
    ).toBeInTheDocument();
    expect(b.calls[0]).toContain('limit=50');
    expect(screen.getAllByText('Done')).toHaveLength(10);
    expect(screen.getByText('Kubernetes upgrade')).toBeInTheDocument();
    // When each was asked, in UTC (the ten shown all fall in 12:16), never 5:12 PM.
    expect(
      screen.getAllByText(`${at(1000).slice(0, 16).replace('T', ' ')} UTC`),
    ).toHaveLength(10);
  });
});
