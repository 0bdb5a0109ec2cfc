import type { ClusterSummary } from './types';

/**
 * Page sizes of the paged reads: `GET /clusters?entityRef=` (clusters
 * without machines) and `GET /clusters/:mc/:ns/:name` (the machines of one
 * cluster).
 *
 * @public
 */
export const CAPI_PAGE_LIMITS = {
  clusters: { default: 25, max: 100 },
  machines: { default: 100, max: 500 },
} as const;

/**
 * A cluster's summary without its machines: what views that show no
 * machine accept, from a list item as well as from a full summary.
 *
 * @public
 */
export type ClusterWithoutMachines = Omit<ClusterSummary, 'machines'>;

/**
 * A cluster in a list: everything of {@link ClusterSummary} (node pools,
 * patch counts, conditions) except its machines, which the detail
 * endpoint pages.
 *
 * @public
 */
export type ClusterListItem = ClusterWithoutMachines & {
  /** How many machines the cluster has. */
  machineCount: number;
};

/**
 * Which slice of a list an answer holds. Lists are in a stable order
 * (cluster id, machine name), so `offset` pages cover every item once
 * while the list does not change.
 *
 * @public
 */
export interface PageInfo {
  offset: number;
  limit: number;
  /** Items in the whole list (only those the caller may read). */
  total: number;
}

/**
 * `GET /clusters/:managementCluster/:namespace/:name[?machineOffset=&machineLimit=]`:
 * the cluster with one page of its machines (ordered by name).
 *
 * @public
 */
export type ClusterDetailResponse = ClusterSummary & {
  machinePage: PageInfo;
};

/**
 * How many machines a cluster has, from a list item, a detail answer (all
 * pages) or a full summary.
 *
 * @public
 */
export function machineCountOf(
  cluster: ClusterListItem | ClusterSummary | ClusterDetailResponse,
): number {
  if ('machinePage' in cluster) return cluster.machinePage.total;
  if ('machineCount' in cluster) return cluster.machineCount;
  return cluster.machines.length;
}
