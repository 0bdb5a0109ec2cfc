import type { FleetClusterRow } from '@capstan/plugin-capi-common';
import type { ClusterAggregate } from './ClusterSummaryCache';

/** Staleness of a management cluster, as its watcher reports it. */
export interface RowStaleness {
  stale: boolean;
  since?: string;
}

/**
 * The fleet page's row of a cluster, from the aggregate kept for every
 * cluster: no full summary (pools, conditions, machines) is built for it.
 */
export function toFleetRow(
  aggregate: ClusterAggregate,
  managementClusterTitle: string | undefined,
  staleness: RowStaleness | undefined,
): FleetClusterRow {
  const row: FleetClusterRow = {
    id: aggregate.id,
    managementCluster: aggregate.managementCluster,
    namespace: aggregate.namespace,
    name: aggregate.name,
    phase: aggregate.phase,
    status: aggregate.status,
    machineCount: aggregate.machineCount,
    patch: aggregate.patch,
    stale: staleness?.stale === true,
  };
  if (managementClusterTitle) {
    row.managementClusterTitle = managementClusterTitle;
  }
  if (aggregate.entityName) row.entityName = aggregate.entityName;
  if (aggregate.owner) row.owner = aggregate.owner;
  if (aggregate.provider) row.provider = aggregate.provider;
  if (aggregate.headline) row.headline = aggregate.headline;
  if (aggregate.desiredVersion) row.desiredVersion = aggregate.desiredVersion;
  if (aggregate.actualVersion) row.actualVersion = aggregate.actualVersion;
  if (staleness?.stale && staleness.since) row.staleSince = staleness.since;
  return row;
}
