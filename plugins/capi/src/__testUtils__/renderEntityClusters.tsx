import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import type { ClusterSummary } from '@capstan/plugin-capi-common';
import { capiApiRef } from '../api';
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
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [signalApiRef, new FakeSignalApi()],
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
}
