import {
  compareKubernetesVersions,
  type UpgradeStatus,
} from '@capstan/plugin-capi-common';

/**
 * The text of an upgrade button. A classic cluster offered the version its
 * control plane already asks for is offered the second step: its node pools
 * follow the control plane.
 */
export function upgradeButtonLabel(
  cluster: {
    clusterClass?: string;
    desiredVersion?: string;
    upgrade?: Pick<UpgradeStatus, 'plans'>;
  },
  version: string,
): string {
  if (
    !cluster.clusterClass &&
    cluster.desiredVersion &&
    compareKubernetesVersions(version, cluster.desiredVersion) === 0
  ) {
    return `Upgrade node pools to ${version}`;
  }
  const plan = cluster.upgrade?.plans?.[version];
  return `Upgrade to ${version}${plan ? ` (via ${plan.join(' → ')})` : ''}`;
}
