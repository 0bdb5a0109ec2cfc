import type {
  ClusterStatus,
  FleetQuery,
  FleetResponse,
  PatchStateName,
} from '@capstan/plugin-capi-common';
import {
  addPatchCounts,
  compareKubernetesVersions,
  emptyPatchSummary,
  finishPatchSummary,
} from '@capstan/plugin-capi-common';
import type { ClusterAggregate } from './ClusterSummaryCache';

/** The filters of a fleet query (no page), as one stable string. */
export function filterKey(query: FleetQuery): string {
  const sorted = (values?: string[]) =>
    values && values.length > 0 ? [...values].sort() : undefined;
  return JSON.stringify([
    sorted(query.managementCluster),
    sorted(query.version),
    sorted(query.status),
    sorted(query.phase),
    sorted(query.patchState),
    sorted(query.owner?.map(o => o.toLocaleLowerCase('en-US'))),
    query.search?.toLocaleLowerCase('en-US') ?? '',
  ]);
}

function hasState(c: ClusterAggregate, state: PatchStateName): boolean {
  switch (state) {
    case 'up-to-date':
      return c.patch.upToDate > 0;
    case 'pending':
      return c.patch.pending > 0;
    case 'overdue':
      return c.patch.overdue > 0;
    default:
      return c.patch.unknown > 0;
  }
}

/** The clusters that match a query's filters, in the order given. */
export function filterAggregates(
  all: readonly ClusterAggregate[],
  query: FleetQuery,
): ClusterAggregate[] {
  const lower = (v: string) => v.toLocaleLowerCase('en-US');
  const set = <T extends string>(values?: T[]) =>
    values && values.length > 0 ? new Set(values) : undefined;
  const mcs = set(query.managementCluster);
  const versions = set(query.version?.map(v => v.replace(/^v?/, 'v')));
  const statuses = set<ClusterStatus>(query.status);
  const phases = set(query.phase);
  const patchStates = set<PatchStateName>(query.patchState);
  const owners = set(query.owner?.map(lower));
  const search = query.search ? lower(query.search) : undefined;
  return all.filter(c => {
    if (mcs && !mcs.has(c.managementCluster)) return false;
    if (
      versions &&
      !(
        (c.desiredVersion && versions.has(c.desiredVersion)) ||
        c.runningVersions.some(v => versions.has(v))
      )
    ) {
      return false;
    }
    if (statuses && !statuses.has(c.status)) return false;
    if (phases && !phases.has(c.phase)) return false;
    if (patchStates && ![...patchStates].some(state => hasState(c, state))) {
      return false;
    }
    if (owners && !(c.owner && owners.has(c.owner))) return false;
    if (search && !lower(c.name).includes(search)) return false;
    return true;
  });
}

/** The owners and versions a fleet's filters can offer. */
export function facetsOf(
  all: readonly ClusterAggregate[],
): FleetResponse['facets'] {
  const owners = new Set<string>();
  const versions = new Set<string>();
  for (const c of all) {
    if (c.owner) owners.add(c.owner);
    if (c.desiredVersion) versions.add(c.desiredVersion);
    for (const v of c.runningVersions) versions.add(v);
  }
  return { owners: [...owners].sort(), versions: [...versions].sort() };
}

type OverdueEntry = FleetResponse['summary']['overdue'][number];

/** Counts, patch totals and the most overdue clusters of a set of clusters. */
export function summariseAggregates(
  all: readonly ClusterAggregate[],
): FleetResponse['summary'] {
  const count = (map: Record<string, number>, key: string | undefined) => {
    const k = key ?? 'unknown';
    map[k] = (map[k] ?? 0) + 1;
  };
  const summary: FleetResponse['summary'] = {
    clusters: all.length,
    machines: 0,
    byStatus: {},
    byPhase: {},
    byVersion: {},
    patch: emptyPatchSummary(),
    overdue: [],
  };
  const p = summary.patch;
  const overdue: Array<{ aggregate: ClusterAggregate; due: string }> = [];
  for (const c of all) {
    summary.machines += c.machineCount;
    count(summary.byStatus, c.status);
    count(summary.byPhase, c.phase);
    count(summary.byVersion, c.actualVersion ?? c.desiredVersion);
    // The same counts as each cluster's row and tab, added up.
    addPatchCounts(p, c.patch);
    if (c.overdueMachines.length > 0) {
      const due = c.overdueMachines.reduce(
        (min, m) => (m.dueBy && m.dueBy < min ? m.dueBy : min),
        '9999',
      );
      overdue.push({ aggregate: c, due });
    }
  }
  finishPatchSummary(p);
  // Earliest due first; only the first 100 are built.
  overdue.sort((a, b) => (a.due < b.due ? -1 : Number(a.due > b.due)));
  summary.overdue = overdue.slice(0, 100).map(({ aggregate: c }) => {
    const entry: OverdueEntry = {
      clusterId: c.id,
      cluster: c.name,
      managementCluster: c.managementCluster,
      machines: c.overdueMachines.map(m => ({ ...m })),
    };
    if (c.owner) entry.owner = c.owner;
    return entry;
  });
  // Stable key order for charts: versions ascending.
  summary.byVersion = Object.fromEntries(
    Object.entries(summary.byVersion).sort(([a], [b]) =>
      compareKubernetesVersions(a, b),
    ),
  );
  return summary;
}
