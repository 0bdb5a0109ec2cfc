import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type { ManagementClusterHealth } from '@capstan/plugin-capi-common';

/**
 * What a cluster missing from this instance's cache means. After this
 * instance has listed the cluster's management cluster once (`lastSyncAt`),
 * the cache is complete for it and the cluster is gone: `notFound` (404).
 * Before that (just started, still connecting) the cluster is unknown, not
 * gone: 503, so that callers such as the catalog module keep what they have
 * instead of removing a live cluster's entity.
 *
 * The 503 names only the management cluster, never whether the cluster
 * exists.
 */
export function absentClusterError(
  health: readonly ManagementClusterHealth[],
  managementCluster: string,
  notFound: NotFoundError,
): NotFoundError | ServiceUnavailableError {
  const mc = health.find(h => h.name === managementCluster);
  if (mc && !mc.lastSyncAt) {
    return new ServiceUnavailableError(
      `Management cluster ${managementCluster} is not synced by this instance yet; its clusters are unknown for now, try again later`,
    );
  }
  return notFound;
}
