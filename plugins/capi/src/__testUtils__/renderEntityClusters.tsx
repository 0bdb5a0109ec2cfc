import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import type { ClusterSummary } from '@capstan/plugin-capi-common';
import { capiApiRef, type CapiApi } from '../api';
import { EntityCapiClustersCard } from '../components/EntityCapiClustersCard/EntityCapiClustersCard';
import { EntityCapiClustersContent } from '../components/EntityCapiClustersContent/EntityCapiClustersContent';
import { entityClustersResponse } from '../__fixtures__/fleet';
import {
  FakeSignalApi,
  fakeCapiApi,
  paymentsComponent,
} from '../__fixtures__/testApis';

/** payments-api's card or Clusters tab, with these clusters as its own. */
export async function renderEntityClusters(
  view: 'card' | 'tab',
  clusters: ClusterSummary[],
) {
  const api = fakeCapiApi({
    getEntityClusters: jest.fn(async ref =>
      entityClustersResponse(ref, clusters),
    ),
  });
  await renderEntityClustersWith(view, api);
}

/** payments-api's card or Clusters tab on this API; returns the signals to publish on. */
export async function renderEntityClustersWith(
  view: 'card' | 'tab',
  api: CapiApi,
  signals = new FakeSignalApi(),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [signalApiRef, signals],
      ]}
    >
      <EntityProvider entity={paymentsComponent}>
        {view === 'card' ? (
          <EntityCapiClustersCard />
        ) : (
          <EntityCapiClustersContent />
        )}
      </EntityProvider>
    </TestApiProvider>,
  );
  return signals;
}
