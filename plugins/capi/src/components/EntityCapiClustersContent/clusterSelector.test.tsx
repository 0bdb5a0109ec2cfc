import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import type { ClusterRef, ClusterSummary } from '@capstan/plugin-capi-common';
import { capiApiRef } from '../../api';
import {
  availableCluster,
  clusterDetailOf,
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
import { EntityCapiClustersContent } from './EntityCapiClustersContent';

jest.setTimeout(30_000);

const fine = Array.from({ length: 8 }, (_, i): ClusterSummary => {
  const name = `fine-${String(i).padStart(2, '0')}`;
  return { ...availableCluster, name, id: `onprem-fra/team-payments/${name}` };
});
const clusters = [...fine, upgradingCluster, degradedCluster, notInGitCluster];

async function renderTab(path = '/') {
  const api = fakeCapiApi({
    getEntityClusters: jest.fn(async (ref, page) =>
      entityClustersResponse(ref, clusters, page),
    ),
    getCluster: jest.fn(async (ref: ClusterRef, page) => {
      const found = clusters.find(
        c => c.namespace === ref.namespace && c.name === ref.name,
      );
      if (!found) throw new Error(`no cluster ${ref.name}`);
      return clusterDetailOf(found, page);
    }),
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [signalApiRef, new FakeSignalApi()],
      ]}
    >
      <EntityProvider entity={paymentsComponent}>
        <EntityCapiClustersContent />
      </EntityProvider>
    </TestApiProvider>,
    { routeEntries: [path] },
  );
  return api;
}

describe('the Clusters tab with many clusters', () => {
  it('lists the clusters in a selector, those that need attention first, and shows the first of them in full', async () => {
    const api = await renderTab();
    const selector = await screen.findByRole('tablist', { name: 'Clusters' });
    const tabs = within(selector).getAllByRole('tab');
    expect(tabs).toHaveLength(11);
    expect(tabs.slice(0, 3).map(t => t.getAttribute('aria-label'))).toEqual([
      `${degradedCluster.name}, Degraded, failing`,
      `${upgradingCluster.name}, Upgrading, change in progress`,
      'fine-00, Available',
    ]);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    // One cluster in full: its pools, machines and day-2 links; no other's.
    expect(
      await screen.findByRole('region', {
        name: `Cluster ${degradedCluster.name}`,
      }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('region', { name: /^Cluster / })).toHaveLength(
      1,
    );
    await screen.findByRole('table', {
      name: `Machines of ${degradedCluster.name}`,
    });
    expect(api.getCluster).toHaveBeenCalledTimes(1);
  });

  it('shows the cluster picked in the selector, and the one the URL names', async () => {
    await renderTab(`/?cluster=${encodeURIComponent(notInGitCluster.id)}`);
    const shown = await screen.findByRole('region', {
      name: `Cluster ${notInGitCluster.name}`,
    });
    expect(shown).toBeInTheDocument();
    expect(
      screen.getByRole('note', {
        name: /legacy-prod is not managed through Git/,
      }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: /^fine-03,/ }));
    expect(
      await screen.findByRole('region', { name: 'Cluster fine-03' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('region', {
          name: `Cluster ${notInGitCluster.name}`,
        }),
      ).toBeNull(),
    );
    expect(screen.getByRole('tab', { name: /^fine-03,/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('accepts a bare cluster name in the URL when it is unique', async () => {
    await renderTab('/?cluster=fine-05');
    expect(
      await screen.findByRole('region', { name: 'Cluster fine-05' }),
    ).toBeInTheDocument();
  });
});
