import { act, screen, waitFor, within } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { CAPI_SIGNAL_CHANNELS } from '@capstan/plugin-capi-common';
import { capiApiRef, type CapiApi } from '../../api';
import { EntityCapiClustersCard } from './EntityCapiClustersCard';
import {
  availableCluster,
  degradedCluster,
  entityClustersResponse,
  provisioningCluster,
  staleCluster,
  upgradingCluster,
} from '../../__fixtures__/fleet';
import {
  FakeSignalApi,
  fakeCapiApi,
  paymentsComponent,
} from '../../__fixtures__/testApis';

const ENTITY_REF = 'component:default/payments-api';

async function renderCard(api: CapiApi, signals = new FakeSignalApi()) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, api],
        [signalApiRef, signals],
      ]}
    >
      <EntityProvider entity={paymentsComponent}>
        <EntityCapiClustersCard />
      </EntityProvider>
    </TestApiProvider>,
  );
  return signals;
}

const withClusters = (...items: Parameters<typeof entityClustersResponse>[1]) =>
  fakeCapiApi({
    getEntityClusters: jest.fn(async () =>
      entityClustersResponse(ENTITY_REF, items),
    ),
  });

describe('EntityCapiClustersCard', () => {
  it('shows an available cluster with its versions, control plane and node pools', async () => {
    const api = withClusters(availableCluster);
    await renderCard(api);
    expect(api.getEntityClusters).toHaveBeenCalledWith(ENTITY_REF, {
      offset: 0,
      limit: 100,
    });
    const section = await screen.findByRole('region', {
      name: 'Cluster payments-prod',
    });
    const card = within(section);
    expect(
      card.getByRole('status', {
        name: 'Cluster payments-prod status: Available',
      }),
    ).toBeInTheDocument();
    expect(card.getByText(/on On-prem Frankfurt/)).toBeInTheDocument();
    expect(
      card.getByRole('group', { name: 'Kubernetes version' }),
    ).toHaveTextContent(/version\s*v1\.31\.4$/);
    expect(
      card.getByRole('group', { name: 'Control plane ready / desired' }),
    ).toHaveTextContent('3/3');

    const pools = card.getByRole('table', {
      name: 'Node pools of payments-prod',
    });
    const workers = within(pools).getByRole('row', { name: /workers/ });
    expect(within(workers).getByText('large')).toBeInTheDocument();
    expect(within(workers).getByText('4/4')).toBeInTheDocument();
    expect(within(workers).getByText('3–8')).toBeInTheDocument();
    expect(
      within(workers).getByRole('img', {
        name: 'Patch state of 4 machines: 3 up to date, 1 pending, 0 overdue, 0 unknown; 1 needs a reboot',
      }),
    ).toBeInTheDocument();
    const gpu = within(pools).getByRole('row', { name: /gpu/ });
    expect(within(gpu).getByText('off')).toBeInTheDocument();
    // 8 machines, none overdue or unknown
    expect(card.getByTestId('cluster-compliance')).toHaveTextContent(
      /^Patch compliance 100%$/,
    );
  });

  it('shows an upgrade rolling out from 1.31 to 1.32', async () => {
    await renderCard(withClusters(upgradingCluster));
    const section = within(
      await screen.findByRole('region', { name: 'Cluster payments-staging' }),
    );
    expect(
      section.getByRole('status', { name: /status: Upgrading/ }),
    ).toBeInTheDocument();
    expect(
      section.getByRole('group', { name: 'Kubernetes version' }),
    ).toHaveTextContent('v1.31.4 → v1.32.1');
    expect(
      section.getByRole('group', { name: 'Running versions' }),
    ).toHaveTextContent('v1.32.1, v1.31.4');
    expect(
      section.getByText('rolling out: 1 of 3 updated'),
    ).toBeInTheDocument();
  });

  it('shows a provisioning cluster with no node yet', async () => {
    await renderCard(withClusters(provisioningCluster));
    const section = within(
      await screen.findByRole('region', { name: 'Cluster payments-dev' }),
    );
    expect(
      section.getByRole('status', { name: /status: Provisioning/ }),
    ).toBeInTheDocument();
    expect(
      section.getByRole('group', { name: 'Kubernetes version' }),
    ).toHaveTextContent('not running yet → v1.32.1');
    expect(
      section.getByRole('group', { name: 'Control plane ready / desired' }),
    ).toHaveTextContent('0/1');
    expect(
      section.getByText(/Waiting for the first control plane machine/),
    ).toBeInTheDocument();
    expect(
      section.getByRole('img', {
        name: /Patch state of 3 machines: 0 up to date, 0 pending, 0 overdue, 3 unknown/,
      }),
    ).toBeInTheDocument();
    expect(section.getByTestId('cluster-compliance')).toHaveTextContent(
      'Patch compliance not reported yet',
    );
  });

  it('shows a degraded cluster with the failing condition and overdue patches', async () => {
    await renderCard(withClusters(degradedCluster));
    const section = within(
      await screen.findByRole('region', { name: 'Cluster checkout-prod' }),
    );
    expect(
      section.getByRole('status', { name: /status: Degraded/ }),
    ).toBeInTheDocument();
    // The headline in plain words, what to do, and the condition behind it.
    const headline = section.getByRole('note', { name: 'Status explanation' });
    expect(headline).toHaveTextContent(
      'Node pools have fewer available machines than they need.',
    );
    expect(headline).toHaveTextContent(/What you can do: /);
    expect(headline).toHaveTextContent(
      /Workers available: False \(Machine deployments not available\)MachineDeployment workers: .*InsufficientInstanceCapacity/,
    );
    expect(headline).toHaveAttribute('data-health', 'failing');
    const workers = section.getByRole('row', { name: /workers/ });
    expect(within(workers).getByText('2/3')).toBeInTheDocument();
    // 4 machines: 1 up to date, 2 overdue, 1 unknown => 25% compliant
    expect(section.getByTestId('cluster-compliance')).toHaveTextContent(
      'Patch compliance 25% · 2 overdue',
    );
    expect(
      section.getAllByRole('img', { name: /2 overdue/ }).length,
    ).toBeGreaterThan(0);
  });

  it('does not call an upgrade in progress a failure', async () => {
    const topologyUpgrading = {
      type: 'TopologyReconciled',
      status: 'False' as const,
      reason: 'ClusterUpgrading',
      message: 'Cluster is upgrading to v1.32.1',
    };
    await renderCard(
      withClusters({ ...upgradingCluster, headline: topologyUpgrading }),
    );
    const section = within(
      await screen.findByRole('region', { name: 'Cluster payments-staging' }),
    );
    const headline = section.getByRole('note', { name: 'Status explanation' });
    expect(headline).toHaveTextContent('A Kubernetes upgrade is rolling out.');
    expect(headline).toHaveTextContent(
      'Topology reconciled: False (Cluster upgrading)Cluster is upgrading to v1.32.1',
    );
    expect(headline).toHaveAttribute('data-health', 'active');
  });

  it('marks a cluster whose management cluster is down as stale, naming it and since when', async () => {
    await renderCard(withClusters(staleCluster));
    const section = within(
      await screen.findByRole('region', { name: 'Cluster ledger-prod' }),
    );
    expect(
      section.getByRole('status', {
        name: 'Cluster ledger-prod status: Stale',
      }),
    ).toBeInTheDocument();
    expect(
      section.getByText(
        /Data from management cluster Azure West Europe is stale since \d{4}-\d\d-\d\d \d\d:\d\d UTC \(2 h ago\)/,
      ),
    ).toBeInTheDocument();
  });

  it('warns about a down management cluster that may hold more clusters', async () => {
    const api = fakeCapiApi({
      getEntityClusters: jest.fn(async () => ({
        entityRef: ENTITY_REF,
        items: [],
        offset: 0,
        limit: 25,
        total: 0,
        staleManagementClusters: ['azure-weu'],
      })),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/Management cluster azure-weu not reachable/),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    await renderCard(
      fakeCapiApi({ getEntityClusters: jest.fn(() => new Promise(() => {})) }),
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('updates live when the backend signals a change for the entity', async () => {
    const api = withClusters(provisioningCluster);
    const signals = await renderCard(api);
    expect(
      await screen.findByRole('status', {
        name: /payments-dev status: Provisioning/,
      }),
    ).toBeInTheDocument();

    api.getEntityClusters.mockResolvedValue(
      entityClustersResponse(ENTITY_REF, [
        { ...provisioningCluster, status: 'Available', phase: 'Provisioned' },
      ]),
    );
    const channel = CAPI_SIGNAL_CHANNELS.entity(ENTITY_REF);
    expect(signals.subscriberCount(channel)).toBe(1);
    act(() =>
      signals.publish(channel, {
        type: 'clusters-changed',
        clusterIds: [provisioningCluster.id],
      }),
    );

    expect(
      await screen.findByRole('status', {
        name: /payments-dev status: Available/,
      }),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
    await waitFor(() => expect(api.getEntityClusters).toHaveBeenCalledTimes(2));
  });
});
