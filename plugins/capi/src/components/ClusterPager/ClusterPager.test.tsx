import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import type { ClusterRef, ClusterSummary } from '@capstan/plugin-capi-common';
import { capiApiRef, type CapiApi, type PageQuery } from '../../api';
import {
  availableCluster,
  clusterDetailOf,
  entityClustersResponse,
} from '../../__fixtures__/fleet';
import {
  FakeSignalApi,
  fakeCapiApi,
  paymentsComponent,
} from '../../__fixtures__/testApis';
import { EntityCapiClustersContent } from '../EntityCapiClustersContent/EntityCapiClustersContent';

jest.setTimeout(30_000);

const ENTITY_REF = 'component:default/payments-api';

/** `count` clusters named pay-000, pay-001, ... each with its own machines. */
function manyClusters(count: number): ClusterSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `pay-${String(i).padStart(3, '0')}`;
    return {
      ...availableCluster,
      name,
      id: `${availableCluster.managementCluster}/${availableCluster.namespace}/${name}`,
    };
  });
}

function pagedApi(clusters: ClusterSummary[]): jest.Mocked<CapiApi> {
  return fakeCapiApi({
    getEntityClusters: jest.fn(async (ref: string, page?: PageQuery) =>
      entityClustersResponse(ref, clusters, page),
    ),
    getCluster: jest.fn(async (ref: ClusterRef, page?: PageQuery) => {
      const found = clusters.find(c => c.name === ref.name);
      if (!found) throw new Error(`no cluster ${ref.name}`);
      return clusterDetailOf(found, page);
    }),
  });
}

async function render(api: CapiApi, element: JSX.Element) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [signalApiRef, new FakeSignalApi()],
      ]}
    >
      <EntityProvider entity={paymentsComponent}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}

describe('paged cluster lists', () => {
  it("lists the first 100 clusters in the tab's selector and loads the next page on demand", async () => {
    const api = pagedApi(manyClusters(130));
    await render(api, <EntityCapiClustersContent />);
    const selector = await screen.findByRole('tablist', { name: 'Clusters' });
    expect(within(selector).getAllByRole('tab')).toHaveLength(100);
    expect(screen.getByText('1-100 of 130')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await within(selector).findByRole('tab', { name: /^pay-129,/ }),
    ).toBeInTheDocument();
    expect(api.getEntityClusters).toHaveBeenLastCalledWith(ENTITY_REF, {
      offset: 100,
      limit: 100,
    });
    expect(screen.getByText('101-130 of 130')).toBeInTheDocument();
    expect(
      within(selector).queryByRole('tab', { name: /^pay-000,/ }),
    ).toBeNull();
    // The first cluster of the new page is shown.
    expect(
      await screen.findByRole('region', { name: 'Cluster pay-100' }),
    ).toBeInTheDocument();
  });

  it('shows no pager when every cluster fits on one page', async () => {
    await render(pagedApi(manyClusters(3)), <EntityCapiClustersContent />);
    await screen.findByRole('tab', { name: /^pay-002,/ });
    expect(screen.queryByRole('button', { name: 'Next page' })).toBeNull();
  });

  it("loads a cluster's machines on the tab from the detail endpoint, a page at a time", async () => {
    const api = pagedApi(manyClusters(1));
    await render(api, <EntityCapiClustersContent />);
    const table = await screen.findByRole('table', {
      name: 'Machines of pay-000',
    });
    await waitFor(() =>
      expect(within(table).getAllByRole('row').length).toBe(
        availableCluster.machines.length + 1,
      ),
    );
    expect(api.getCluster).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'pay-000' }),
      { offset: 0, limit: 50 },
    );
  });
});
