import type { ClusterWithoutMachines } from '@capstan/plugin-capi-common';

/**
 * What a classic cluster half way through an upgrade waits for: its control
 * plane reached the version asked for and nothing rolls out, but node pools
 * still run the old one. Their upgrade is a second request (the tab offers
 * "Upgrade node pools to …"); until then the card's "v1.33.2 → v1.34.1"
 * would read as a rollout under way. Undefined for any other cluster.
 */
export function poolsAwaitingUpgrade(
  cluster: Pick<
    ClusterWithoutMachines,
    | 'clusterClass'
    | 'desiredVersion'
    | 'rollingOut'
    | 'status'
    | 'controlPlane'
    | 'nodePools'
  >,
): string | undefined {
  const desired = cluster.desiredVersion;
  if (cluster.clusterClass || !desired || cluster.rollingOut) return undefined;
  if (cluster.status === 'Upgrading' || cluster.status === 'RollingOut') {
    return undefined;
  }
  if (cluster.controlPlane.version !== desired) return undefined;
  const behind = cluster.nodePools.filter(
    p => p.version && p.version !== desired,
  );
  if (behind.length === 0) return undefined;
  const versions = [...new Set(behind.map(p => p.version))].join(', ');
  return `Node pools still on ${versions}: their upgrade to ${desired} is a second step`;
}
