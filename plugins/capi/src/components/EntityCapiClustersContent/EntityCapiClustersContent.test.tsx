import { screen, within } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { EntityCapiClustersContent } from './EntityCapiClustersContent';
import { capiApiRef } from '../../api';
import {
  availableCluster,
  degradedCluster,
  entityClustersResponse,
  staleCluster,
  upgradingCluster,
} from '../../__fixtures__/fleet';
import {
  FakeSignalApi,
  fakeCapiApi,
  paymentsComponent,
} from '../../__fixtures__/testApis';

async function renderTab(
  ...clusters: Parameters<typeof entityClustersResponse>[1]
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
        <EntityCapiClustersContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const decodeFormData = (href: string | null) =>
  JSON.parse(new URL(href!, 'http://x').searchParams.get('formData')!);

describe('EntityCapiClustersContent', () => {
  it('lists every machine with node info, patch state, reboot and certificate expiry', async () => {
    await renderTab(availableCluster);
    const machines = await screen.findByRole('table', {
      name: 'Machines of payments-prod',
    });
    const rows = within(machines).getAllByRole('row');
    expect(rows).toHaveLength(1 + availableCluster.machines.length);
    const pending = within(machines).getByRole('row', {
      name: /payments-prod-workers-b9f4m/,
    });
    expect(within(pending).getByText('workers')).toBeInTheDocument();
    expect(within(pending).getByText('Running')).toBeInTheDocument();
    expect(within(pending).getAllByText('v1.31.4').length).toBeGreaterThan(0);
    expect(within(pending).getByText('Ubuntu 24.04.1 LTS')).toBeInTheDocument();
    expect(within(pending).getByText('6.8.0-49-generic')).toBeInTheDocument();
    expect(within(pending).getByText('pending')).toBeInTheDocument();
    expect(within(pending).getByText('1 d 6 h ago')).toBeInTheDocument(); // last patched
    expect(within(pending).getByText('2')).toBeInTheDocument(); // pending security updates
    expect(within(pending).getByText('yes')).toBeInTheDocument(); // reboot required
    const cp = within(machines).getByRole('row', {
      name: /payments-prod-cp-7x2kq/,
    });
    expect(within(cp).getByText(/^in 300 d/)).toBeInTheDocument(); // certificates
    // Workers never report certificate expiry: say so instead of a bare dash.
    expect(within(pending).getByText('n/a')).toHaveAttribute(
      'title',
      'Only control plane machines report certificate expiry',
    );
  });

  it('shows overdue machines with how long ago they became due', async () => {
    await renderTab(degradedCluster);
    const machines = await screen.findByRole('table', {
      name: 'Machines of checkout-prod',
    });
    const overdue = within(machines).getAllByText('overdue');
    expect(overdue).toHaveLength(2);
    expect(within(machines).getAllByText('due 1 d ago')).toHaveLength(2);
  });

  it('shows conditions with reasons and messages', async () => {
    await renderTab(degradedCluster);
    const conditions = await screen.findByRole('table', {
      name: 'Conditions of checkout-prod',
    });
    const failing = within(conditions).getByRole('row', {
      name: /Workers available/,
    });
    expect(within(failing).getByText('False')).toBeInTheDocument();
    // Type and reason in words, CAPI's own names on hover.
    expect(
      within(failing).getByText('Machine deployments not available'),
    ).toHaveAttribute('title', 'MachineDeploymentsNotAvailable');
    expect(within(failing).getByText('Workers available')).toHaveAttribute(
      'title',
      'WorkersAvailable',
    );
    expect(
      within(failing).getByText(/InsufficientInstanceCapacity/),
    ).toBeInTheDocument();
  });

  it('shows negative-polarity conditions that are False as healthy, not failing', async () => {
    await renderTab(degradedCluster);
    const conditions = await screen.findByRole('table', {
      name: 'Conditions of checkout-prod',
    });
    for (const type of [
      'Scaling up',
      'Scaling down',
      'Rolling out',
      'Paused',
      'Deleting',
    ]) {
      const row = within(conditions).getByRole('row', {
        name: new RegExp(`^${type} `),
      });
      expect(within(row).getByText('False')).toBeInTheDocument();
      expect(within(row).getByText(/healthy/)).toBeInTheDocument();
      expect(within(row).queryByText(/failing/)).not.toBeInTheDocument();
    }
    const failing = within(conditions).getByRole('row', {
      name: /^Workers available /,
    });
    expect(within(failing).getByText(/failing/)).toBeInTheDocument();
    // The one failing condition comes first, ahead of the healthy ones.
    const [, first] = within(conditions).getAllByRole('row');
    expect(first).toBe(failing);
    expect(within(conditions).getAllByText(/failing/)).toHaveLength(1);
  });

  it('shows a rollout in progress as in progress, not as a failure', async () => {
    await renderTab(upgradingCluster);
    const conditions = await screen.findByRole('table', {
      name: 'Conditions of payments-staging',
    });
    const rollingOut = within(conditions).getByRole('row', {
      name: /^Rolling out /,
    });
    expect(within(rollingOut).getByText('True')).toBeInTheDocument();
    expect(within(rollingOut).getByText(/in progress/)).toBeInTheDocument();
    expect(within(conditions).queryByText(/failing/)).not.toBeInTheDocument();
  });

  it('leaves out the message column when no condition has a message', async () => {
    await renderTab(availableCluster);
    const conditions = await screen.findByRole('table', {
      name: 'Conditions of payments-prod',
    });
    expect(
      within(conditions)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Condition', 'Status', 'Reason', 'Since']);
  });

  it('links each upgrade option to the upgrade template, pre-filled', async () => {
    await renderTab(availableCluster);
    const upgrade = await screen.findByRole('button', {
      name: 'Upgrade to v1.32.1',
    });
    const href = upgrade.getAttribute('href');
    expect(href).toMatch(
      /^\/create\/templates\/default\/capi-upgrade-kubernetes\?formData=/,
    );
    expect(decodeFormData(href)).toEqual({
      cluster: 'onprem-fra/team-payments/payments-prod',
      kubernetesVersion: 'v1.32.1',
    });
  });

  it('says an upgrade is rolling out instead of offering another', async () => {
    await renderTab(upgradingCluster);
    expect(
      await screen.findByText('An upgrade to v1.32.1 is rolling out.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Upgrade to/ }),
    ).not.toBeInTheDocument();
  });

  it('shows a machine size rollout as Rolling out, with no upgrade offered and the reason why', async () => {
    const rollingOut = {
      type: 'RollingOut',
      status: 'True' as const,
      reason: 'RollingOut',
      message:
        '* MachineDeployment workers: Rolling out 2 not up-to-date replicas',
    };
    await renderTab({
      ...availableCluster,
      status: 'RollingOut',
      rollingOut: true,
      headline: rollingOut,
      conditions: [
        ...availableCluster.conditions,
        rollingOut,
        {
          type: 'WorkerMachinesUpToDate',
          status: 'False',
          reason: 'NotUpToDate',
        },
      ],
      upgradeOptions: [],
      upgrade: {
        available: [],
        blockedReason:
          'A rollout is in progress (node pool workers). A new version can be chosen once every machine is up to date.',
        from: 'v1.31.4',
        controlPlaneVersions: [{ version: 'v1.31.4', replicas: 3 }],
        workerVersions: [{ version: 'v1.31.4', replicas: 3 }],
        updatingInPlace: [],
      },
    });
    expect(
      await screen.findByRole('status', { name: /status: RollingOut/ }),
    ).toHaveTextContent('Rolling out');
    const headline = screen.getByRole('note', { name: 'Status explanation' });
    expect(headline).toHaveTextContent(
      'Machines are being replaced or updated.',
    );
    expect(headline).toHaveAttribute('data-health', 'active');
    expect(screen.getByTestId('upgrade-blocked-reason')).toHaveTextContent(
      'A rollout is in progress (node pool workers).',
    );
    expect(
      screen.queryByRole('button', { name: /Upgrade to/ }),
    ).not.toBeInTheDocument();
    const conditions = screen.getByRole('table', {
      name: 'Conditions of payments-prod',
    });
    expect(within(conditions).queryByText(/failing/)).not.toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Control plane runs' }),
    ).toHaveTextContent('v1.31.4 ×3');
  });

  it('links to add and scale node pools and to the GitOps folder', async () => {
    await renderTab(availableCluster);
    const add = await screen.findByRole('button', { name: 'Add node pool' });
    expect(add.getAttribute('href')).toMatch(/capi-add-node-pool/);
    expect(decodeFormData(add.getAttribute('href'))).toEqual({
      cluster: availableCluster.id,
    });
    const scale = screen.getByRole('link', {
      name: 'Scale node pool gpu of payments-prod',
    });
    expect(decodeFormData(scale.getAttribute('href'))).toEqual({
      cluster: availableCluster.id,
      pool: 'gpu',
    });
    expect(screen.getByText('GitOps folder').closest('a')).toHaveAttribute(
      'href',
      availableCluster.gitopsUrl,
    );
  });

  it('shows the stale banner on the tab too', async () => {
    await renderTab(staleCluster);
    expect(
      await screen.findByText(
        /Data from management cluster Azure West Europe is stale/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/ECONNREFUSED/)).toBeInTheDocument();
  });
});
