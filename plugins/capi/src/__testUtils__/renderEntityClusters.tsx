import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
  type TestApiProviderProps,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
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

type ExtraApis = TestApiProviderProps<unknown[]>['apis'];

/**
 * payments-api's card or Clusters tab, with these clusters as its own;
 * `apis` adds or replaces APIs (e.g. the signed-in user's identity).
 */
export async function renderEntityClusters(
  view: 'card' | 'tab',
  clusters: ClusterSummary[],
  apis: ExtraApis = [],
) {
  const api = fakeCapiApi({
    getEntityClusters: jest.fn(async ref =>
      entityClustersResponse(ref, clusters),
    ),
  });
  await renderEntityClustersWith(view, api, undefined, apis);
}

/** payments-api's card or Clusters tab on this API; returns the signals to publish on. */
export async function renderEntityClustersWith(
  view: 'card' | 'tab',
  api: CapiApi,
  signals = new FakeSignalApi(),
  apis: ExtraApis = [],
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [signalApiRef, signals],
        // Allows everything unless a test passes its own.
        [permissionApiRef, mockApis.permission()],
        ...apis,
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
