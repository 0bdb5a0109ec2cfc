import type { ClusterSummary } from '@capstan/plugin-capi-common';
import {
  allClusters,
  availableCluster,
  notInGitCluster,
  upgradingCluster,
} from './fleet';

/** A copy of `base` named `name` in `namespace` (same management cluster). */
function renamed(
  base: ClusterSummary,
  name: string,
  namespace = base.namespace,
): ClusterSummary {
  const path = `clusters/${base.managementCluster}/${namespace}/${name}`;
  return {
    ...base,
    name,
    namespace,
    id: `${base.managementCluster}/${namespace}/${name}`,
    uid: `uid-${namespace}-${name}`,
    gitopsPath: path,
    gitopsUrl:
      base.gitopsUrl &&
      `https://git.example.internal/platform/fleet/tree/main/${path}`,
  };
}

/**
 * A team with many clusters, for the compact card and the tab's selector:
 * the five of {@link allClusters}, one not in Git, one whose name is taken
 * in another namespace too, and healthy ones.
 */
export const teamFleet: ClusterSummary[] = [
  ...allClusters,
  notInGitCluster,
  renamed(availableCluster, availableCluster.name, 'clusters'),
  renamed(upgradingCluster, 'payments-canary'),
  ...['payments-batch', 'payments-eu', 'payments-us', 'payments-reporting'].map(
    name => renamed(availableCluster, name),
  ),
];
