/** The fixture fleet as the capi-backend read-model endpoints answer. */
import type {
  ClusterDetailResponse,
  ClusterListItem,
  ClusterSummary,
  ComplianceResponse,
  EntityClustersResponse,
  FleetClusterRow,
  FleetResponse,
} from '@capstan/plugin-capi-common';
import { DAY, FIXTURE_NOW, summarizePatch } from './clusterBuilders';
import { allClusters, managementClusters } from './fixtureClusters';

/** A cluster as the paged list returns it: no machines, their count. */
export function listItemOf(cluster: ClusterSummary): ClusterListItem {
  const { machines, ...rest } = cluster;
  return { ...rest, machineCount: machines.length };
}

/** A cluster as the fleet page's list (`GET /fleet`) returns it: the table's fields only. */
export function fleetRowOf(cluster: ClusterSummary): FleetClusterRow {
  const row: FleetClusterRow = {
    id: cluster.id,
    managementCluster: cluster.managementCluster,
    namespace: cluster.namespace,
    name: cluster.name,
    phase: cluster.phase,
    status: cluster.status,
    machineCount: cluster.machines.length,
    patch: cluster.patch,
    stale: cluster.stale,
  };
  if (cluster.entityName) row.entityName = cluster.entityName;
  if (cluster.managementClusterTitle)
    row.managementClusterTitle = cluster.managementClusterTitle;
  if (cluster.owner) row.owner = cluster.owner;
  if (cluster.provider) row.provider = cluster.provider;
  if (cluster.headline) row.headline = cluster.headline;
  if (cluster.desiredVersion) row.desiredVersion = cluster.desiredVersion;
  if (cluster.actualVersion) row.actualVersion = cluster.actualVersion;
  if (cluster.staleSince) row.staleSince = cluster.staleSince;
  return row;
}

/** One page of `items` as `GET /clusters?entityRef=` answers it (ordered by id). */
export function entityClustersResponse(
  entityRef: string,
  items: ClusterSummary[],
  page: { offset?: number; limit?: number } = {},
): EntityClustersResponse {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 25;
  const sorted = [...items].sort((a, b) =>
    a.id < b.id ? -1 : Number(a.id > b.id),
  );
  return {
    entityRef,
    items: sorted.slice(offset, offset + limit).map(listItemOf),
    offset,
    limit,
    total: sorted.length,
    staleManagementClusters: [
      ...new Set(items.filter(c => c.stale).map(c => c.managementCluster)),
    ],
  };
}

/** A cluster as `GET /clusters/:mc/:ns/:name` answers it: one page of machines. */
export function clusterDetailOf(
  cluster: ClusterSummary,
  page: { offset?: number; limit?: number } = {},
): ClusterDetailResponse {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 100;
  return {
    ...cluster,
    machines: cluster.machines.slice(offset, offset + limit),
    machinePage: { offset, limit, total: cluster.machines.length },
  };
}

function countBy<T>(items: T[], key: (item: T) => string | undefined) {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

export function fleetResponse(
  items: ClusterSummary[] = allClusters,
): FleetResponse {
  return { ...fleetSummariesResponse(items), items: items.map(fleetRowOf) };
}

/** `GET /fleet?view=summaries`: the same page with list items (pools, conditions). */
export function fleetSummariesResponse(
  items: ClusterSummary[] = allClusters,
): FleetResponse<ClusterListItem> {
  const machines = items.flatMap(c => c.machines);
  const patch = summarizePatch(machines);
  return {
    summary: {
      clusters: items.length,
      machines: machines.length,
      byStatus: countBy(items, c => c.status),
      byPhase: countBy(items, c => c.phase),
      byVersion: countBy(items, c => c.actualVersion ?? c.desiredVersion),
      patch,
      overdue: items
        .map(c => ({
          clusterId: c.id,
          cluster: c.name,
          managementCluster: c.managementCluster,
          owner: c.owner,
          machines: c.machines
            .filter(m => m.patch.state === 'overdue')
            .map(m => ({
              name: m.name,
              nodeName: m.nodeName,
              securityPendingSince: m.patch.securityPendingSince,
              dueBy: m.patch.dueBy,
            })),
        }))
        .filter(group => group.machines.length > 0),
    },
    policy: { securityOverdueAfterHours: 48 },
    total: items.length,
    offset: 0,
    limit: 50,
    items: items.map(listItemOf),
    managementClusters,
  };
}

export function complianceResponse(days = 14): ComplianceResponse {
  const total = 18;
  const points = Array.from({ length: days }, (_, i) => {
    const overdue = [0, 0, 1, 3, 2, 1, 0, 0, 0, 2, 4, 3, 2, 2][i % 14];
    const unknown = i > days - 3 ? 4 : 1;
    const pending = [2, 5, 4, 2, 1, 1, 3, 6, 4, 2, 1, 2, 3, 3][i % 14];
    const upToDate = total - overdue - unknown - pending;
    return {
      at: new Date(FIXTURE_NOW - (days - 1 - i) * DAY).toISOString(),
      upToDate,
      pending,
      overdue,
      unknown,
      rebootRequired: 2,
      total,
      compliance: (total - overdue - unknown) / total,
    };
  });
  return {
    from: points[0].at,
    to: points[points.length - 1].at,
    series: [{ scope: 'fleet', points }],
  };
}
