import { act, screen, waitFor, within } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  CAPI_SIGNAL_CHANNELS,
  type ChangeRequest,
} from '@capstan/plugin-capi-common';
import {
  availableCluster,
  entityClustersResponse,
} from '../../__fixtures__/fleet';
import { FakeSignalApi } from '../../__fixtures__/testApis';
import { CARD_ROWS, CompactClusters } from './CompactClusters';

jest.setTimeout(30_000);

const ENTITY_REF = 'component:default/payments-api';

/** Settled clusters, more than the card shows; `zz-last` sorts last by name. */
const NAMES = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6', 'zz-last'];
const clusters = NAMES.map(name => ({
  ...availableCluster,
  name,
  id: `${availableCluster.managementCluster}/${availableCluster.namespace}/${name}`,
}));
const LAST = clusters[clusters.length - 1];

const requested: ChangeRequest = {
  id: 'b'.repeat(32),
  clusterId: LAST.id,
  managementCluster: LAST.managementCluster,
  namespace: LAST.namespace,
  name: LAST.name,
  kind: 'update-pool',
  requestedBy: 'user:default/mia',
  taskId: 'task-1',
  mode: 'commit',
  desired: { present: true, pools: [{ name: 'workers', replicas: 4 }] },
  requestedAt: '2026-11-30T12:00:00Z',
  stage: 'requested',
  stageSince: '2026-11-30T12:00:00Z',
  stages: { requested: '2026-11-30T12:00:00Z' },
};

/** A change request route whose answers the test releases one by one. */
function changeRequestRoute() {
  const pending: Array<() => void> = [];
  let items: ChangeRequest[] = [];
  const fetchApi = {
    fetch: jest.fn(
      () =>
        new Promise<Response>(resolve => {
          // The answer is what the backend holds when it reads, i.e. now.
          const body = JSON.stringify({ items });
          pending.push(() => resolve(new Response(body, { status: 200 })));
        }),
    ),
  };
  return {
    fetchApi,
    set: (next: ChangeRequest[]) => {
      items = next;
    },
    answer: () => act(async () => pending.shift()?.()),
    waiting: () => pending.length,
  };
}

describe('CompactClusters', () => {
  it('lists a settled cluster from the moment its change request is recorded, even when the signal comes while the card is still loading', async () => {
    const route = changeRequestRoute();
    const signals = new FakeSignalApi();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            discoveryApiRef,
            { getBaseUrl: async () => 'http://localhost:7007/api/capi' },
          ],
          [fetchApiRef, route.fetchApi],
          [signalApiRef, signals],
        ]}
      >
        <CompactClusters
          entityRef={ENTITY_REF}
          response={entityClustersResponse(ENTITY_REF, clusters)}
        />
      </TestApiProvider>,
    );
    const list = await screen.findByRole('list', { name: 'Clusters' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(CARD_ROWS);
    expect(
      screen.queryByRole('region', { name: 'Cluster zz-last' }),
    ).toBeNull();
    expect(
      screen.getByText(/None of the 7 clusters needs attention/),
    ).toBeInTheDocument();

    // The first read is still under way (it read no request) when the
    // scaffolder records the change and the backend signals.
    await waitFor(() => expect(route.waiting()).toBe(1));
    route.set([requested]);
    act(() =>
      signals.publish(CAPI_SIGNAL_CHANNELS.entity(ENTITY_REF), {
        type: 'refresh',
        clusterIds: [],
      }),
    );
    await route.answer();
    // The signal was not lost: the card reads again.
    await waitFor(() => expect(route.waiting()).toBe(1));
    await route.answer();

    const row = await screen.findByRole('region', { name: 'Cluster zz-last' });
    expect(row).toHaveTextContent('change in progress');
    expect(
      within(row).getByRole('group', {
        name: 'Change request: Node pool change of zz-last, Requested',
      }),
    ).toBeInTheDocument();
    // Listed first, and still no more rows than the card shows.
    expect(within(list).getAllByRole('listitem')[0]).toContainElement(row);
    expect(within(list).getAllByRole('listitem')).toHaveLength(CARD_ROWS);
    expect(
      screen.getByText(/1 of 7 clusters needs attention/),
    ).toBeInTheDocument();
    expect(route.fetchApi.fetch).toHaveBeenCalledTimes(2);
  });
});
