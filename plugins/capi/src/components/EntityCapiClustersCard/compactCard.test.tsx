import { screen, waitFor, within } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import type {
  ChangeRequest,
  ClusterSummary,
} from '@capstan/plugin-capi-common';
import { capiApiRef } from '../../api';
import {
  availableCluster,
  degradedCluster,
  entityClustersResponse,
  notInGitCluster,
  upgradingCluster,
} from '../../__fixtures__/fleet';
import {
  FakeSignalApi,
  fakeCapiApi,
  paymentsComponent,
} from '../../__fixtures__/testApis';
import { EntityCapiClustersCard } from './EntityCapiClustersCard';

jest.setTimeout(30_000);

/** `count` healthy clusters named fine-00, fine-01, ... */
function fineClusters(count: number): ClusterSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `fine-${String(i).padStart(2, '0')}`;
    return {
      ...availableCluster,
      name,
      id: `onprem-fra/team-payments/${name}`,
    };
  });
}

const openRequest: ChangeRequest = {
  id: 'b'.repeat(32),
  clusterId: upgradingCluster.id,
  managementCluster: upgradingCluster.managementCluster,
  namespace: upgradingCluster.namespace,
  name: upgradingCluster.name,
  kind: 'upgrade',
  requestedBy: 'user:default/mia',
  taskId: 'task-7',
  taskUrl: 'http://localhost:3000/create/tasks/task-7',
  mode: 'pull-request',
  pullRequestUrl: 'https://github.com/acme/gitops/pull/7',
  desired: { present: true, version: 'v1.32.1' },
  requestedAt: '2026-11-30T12:00:00Z',
  stage: 'pr-open',
  stageSince: '2026-11-30T12:00:05Z',
  stages: { requested: '2026-11-30T12:00:00Z' },
};

async function renderCard(
  clusters: ClusterSummary[],
  requests: ChangeRequest[] = [openRequest],
) {
  const fetchApi = {
    fetch: jest.fn(
      async () =>
        new Response(JSON.stringify({ items: requests }), {
          status: 200,
        }),
    ),
  };
  const api = fakeCapiApi({
    getEntityClusters: jest.fn(async (ref, page) =>
      entityClustersResponse(ref, clusters, page),
    ),
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [signalApiRef, new FakeSignalApi()],
        [fetchApiRef, fetchApi],
        [
          discoveryApiRef,
          { getBaseUrl: async () => 'http://localhost:7007/api/capi' },
        ],
      ]}
    >
      <EntityProvider entity={paymentsComponent}>
        <EntityCapiClustersCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { fetchApi };
}

describe('EntityCapiClustersCard with many clusters', () => {
  const clusters = [
    ...fineClusters(8),
    upgradingCluster,
    degradedCluster,
    notInGitCluster,
  ];

  it('lists five in one line each, those that need attention first, and links to all of them on the tab', async () => {
    await renderCard(clusters);
    const list = await screen.findByRole('list', { name: 'Clusters' });
    const names = within(list)
      .getAllByRole('region')
      .map(r => r.getAttribute('aria-label'));
    // The open change request first, then the failing one, then the healthy ones by name.
    expect(names).toEqual([
      `Cluster ${upgradingCluster.name}`,
      `Cluster ${degradedCluster.name}`,
      'Cluster fine-00',
      'Cluster fine-01',
      'Cluster fine-02',
    ]);
    expect(
      screen.getByText('2 of 11 clusters need attention.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /All 11 clusters/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/clusters',
    );
    // No pool tables: the card stays short.
    expect(screen.queryByRole('table', { name: /^Node pools of / })).toBeNull();
  });

  it('shows status, version and patch state per cluster, and links it to its catalog entity, its Git folder, the tab and its open task and pull request', async () => {
    await renderCard(clusters);
    const row = within(
      await screen.findByRole('region', {
        name: `Cluster ${upgradingCluster.name}`,
      }),
    );
    expect(
      row.getByRole('status', {
        name: `Cluster ${upgradingCluster.name} status: Upgrading`,
      }),
    ).toBeInTheDocument();
    expect(
      row.getByRole('group', { name: 'Kubernetes version' }),
    ).toHaveTextContent('v1.31.4 → v1.32.1');
    expect(
      row.getByRole('group', { name: 'Patch compliance' }),
    ).toHaveTextContent(/\d+(\.\d)?%/);
    // On hover: where it is, in words, not the id `mc/namespace/name`.
    expect(
      row.getByRole('link', { name: upgradingCluster.name }),
    ).toHaveAttribute(
      'title',
      'Catalog page of payments-staging (namespace team-payments on management cluster onprem-fra)',
    );
    expect(
      row.getByRole('link', { name: upgradingCluster.name }),
    ).toHaveAttribute(
      'href',
      `/catalog/default/resource/${upgradingCluster.entityName}`,
    );
    expect(
      row.getByRole('link', {
        name: new RegExp(`^Git folder of ${upgradingCluster.name}`),
      }),
    ).toHaveAttribute('href', upgradingCluster.gitopsUrl);
    expect(
      row.getByRole('link', {
        name: `Details of ${upgradingCluster.name} on the Clusters tab`,
      }),
    ).toHaveAttribute(
      'href',
      `/catalog/default/component/payments-api/clusters?cluster=${encodeURIComponent(
        upgradingCluster.id,
      )}`,
    );
    // Its open change request, with links to the task and the pull request.
    const request = await row.findByRole('group', {
      name: /^Change request: Kubernetes upgrade of payments-staging, Pull request open/,
    });
    expect(
      within(request).getByRole('link', { name: /^Task of/ }),
    ).toHaveAttribute('href', openRequest.taskUrl);
    expect(
      within(request).getByRole('link', { name: /^Pull request of/ }),
    ).toHaveAttribute('href', openRequest.pullRequestUrl);
  });

  it('says on the card why a cluster not managed through Git offers no day-2 changes', async () => {
    await renderCard([notInGitCluster, ...fineClusters(2)]);
    const row = within(
      await screen.findByRole('region', {
        name: `Cluster ${notInGitCluster.name}`,
      }),
    );
    expect(
      row.getByRole('note', {
        name: /^legacy-prod: Its definition is not in the GitOps repository/,
      }),
    ).toHaveTextContent('Not in Git: no day-2 changes');
  });

  it('tells clusters with the same name apart by namespace and management cluster', async () => {
    const twin = {
      ...availableCluster,
      id: `onprem-fra/clusters/${availableCluster.name}`,
      namespace: 'clusters',
    };
    const twinRequest: ChangeRequest = {
      ...openRequest,
      clusterId: twin.id,
      name: twin.name,
      namespace: twin.namespace,
    };
    await renderCard(
      [availableCluster, twin, ...fineClusters(2)],
      [twinRequest],
    );
    // Its change request says which of the two it changes, in words.
    expect(
      await screen.findByRole('group', {
        name: `Change request: Kubernetes upgrade of ${twin.name} in namespace clusters on On-prem Frankfurt, Pull request open`,
      }),
    ).toBeInTheDocument();
    const rows = await screen.findAllByRole('region', {
      name: `Cluster ${availableCluster.name}`,
    });
    expect(
      rows.map(r => within(r).getByText(/ · On-prem/).textContent),
    ).toEqual(
      expect.arrayContaining([
        'clusters · On-prem Frankfurt',
        'team-payments · On-prem Frankfurt',
      ]),
    );
    expect(
      within(
        screen.getByRole('region', { name: 'Cluster fine-00' }),
      ).queryByText(/ · On-prem/),
    ).toBeNull();
  });

  it('lists the cluster whose change was just asked for first, with its stage, time in stage, task and commit, even when six other clusters fail', async () => {
    const failing = Array.from({ length: 6 }, (_, i) => {
      const name = `failing-${i}`;
      return {
        ...degradedCluster,
        name,
        id: `onprem-fra/team-checkout/${name}`,
      };
    });
    // Healthy, and last by name: only its change request can lift it.
    const asked = {
      ...availableCluster,
      name: 'zz-asked',
      id: 'onprem-fra/team-payments/zz-asked',
    };
    const request: ChangeRequest = {
      ...openRequest,
      id: 'c'.repeat(32),
      clusterId: asked.id,
      name: asked.name,
      namespace: asked.namespace,
      kind: 'update-pool',
      mode: 'commit',
      pullRequestUrl: undefined,
      commitSha: 'abcdef1234567890abcdef1234567890abcdef12',
      desired: { present: true, pools: [{ name: 'workers', replicas: 4 }] },
      requestedAt: new Date(Date.now() - 4 * 60_000).toISOString(),
      stage: 'rolling-out',
      stageSince: new Date(Date.now() - 3 * 60_000).toISOString(),
    };
    await renderCard([...failing, asked, ...fineClusters(2)], [request]);
    const list = await screen.findByRole('list', { name: 'Clusters' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('region')
          .map(r => r.getAttribute('aria-label')),
      ).toEqual([
        'Cluster zz-asked',
        'Cluster failing-0',
        'Cluster failing-1',
        'Cluster failing-2',
        'Cluster failing-3',
      ]),
    );
    expect(
      screen.getByText('7 of 9 clusters need attention.'),
    ).toBeInTheDocument();
    const line = within(
      screen.getByRole('group', {
        name: 'Change request: Node pool change of zz-asked, Rolling out',
      }),
    );
    // The same texts and links as the Clusters tab's stepper.
    expect(
      line.getByText('Node pool change: Rolling out for 3 min'),
    ).toBeInTheDocument();
    expect(line.getByText('· asked by mia')).toBeInTheDocument();
    expect(
      line.getByRole('link', {
        name: /^Task of the Node pool change of zz-asked/,
      }),
    ).toHaveAttribute('href', request.taskUrl);
    expect(line.getByText('Commit abcdef12')).toHaveAttribute(
      'title',
      `Commit ${request.commitSha}`,
    );
  });
});
