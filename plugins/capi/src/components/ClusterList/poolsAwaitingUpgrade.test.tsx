import { screen, within } from '@testing-library/react';
import { renderEntityClusters } from '../../__testUtils__/renderEntityClusters';
import {
  availableCluster,
  degradedCluster,
  upgradingCluster,
} from '../../__fixtures__/fleet';
import { poolsAwaitingUpgrade } from './poolsAwaitingUpgrade';

// A classic cluster after the first step of an upgrade (seen on the demo:
// payments-staging-00017, "Available", "v1.33.2 → v1.34.1", the upgrade
// request "Done"): the control plane runs v1.32.1, the pool still v1.31.4.
const halfUpgraded = {
  ...upgradingCluster,
  clusterClass: undefined,
  status: 'Available' as const,
  rollingOut: false,
  controlPlane: { ...upgradingCluster.controlPlane, version: 'v1.32.1' },
  nodePools: upgradingCluster.nodePools.map(p => ({
    ...p,
    version: 'v1.31.4',
    rollingOut: false,
  })),
};

describe('a classic cluster whose node pools wait for their upgrade', () => {
  it('says so on the card, beside the version it moves to', async () => {
    await renderEntityClusters('card', [
      availableCluster,
      halfUpgraded,
      degradedCluster,
    ]);
    const row = await screen.findByRole('region', {
      name: `Cluster ${halfUpgraded.name}`,
    });
    expect(
      within(row).getByRole('group', { name: 'Kubernetes version' }),
    ).toHaveTextContent('v1.31.4 → v1.32.1');
    expect(within(row).getByRole('note')).toHaveTextContent(
      'Node pools still on v1.31.4: their upgrade to v1.32.1 is a second step',
    );
  });

  it('is not said while the upgrade rolls out, nor for a ClusterClass cluster', () => {
    expect(poolsAwaitingUpgrade(halfUpgraded)).toBeDefined();
    expect(
      poolsAwaitingUpgrade({
        ...halfUpgraded,
        status: 'Upgrading',
        rollingOut: true,
      }),
    ).toBeUndefined();
    expect(
      poolsAwaitingUpgrade({ ...halfUpgraded, clusterClass: 'aws-standard' }),
    ).toBeUndefined();
    expect(poolsAwaitingUpgrade(availableCluster)).toBeUndefined();
  });
});
