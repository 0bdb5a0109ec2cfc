import type {
  ClusterStatus,
  ClusterSummary,
  FleetQuery,
  FleetResponse,
  ManagementClusterHealth,
  PatchStateName,
} from '@capstan/plugin-capi-common';
import {
  compareKubernetesVersions,
  patchCompliance,
} from '@capstan/plugin-capi-common';
import type { ClusterAggregate, FleetIndex } from './FleetIndex';
import type { ManagementClusterWatcher } from './ManagementClusterWatcher';
import type { PatchPolicy } from './PatchPolicy';

/** Which cluster folders are in the GitOps repository (see GitopsMirror). */
export interface GitFolderLookup {
  /** Undefined when it is not known (yet). */
  hasFolder(path: string): boolean | undefined;
}

/**
 * Reads the fleet from the index for the API: adds per-management-cluster
 * staleness to cached summaries, filters and aggregates.
 *
 * @public
 */
export class FleetReader {
  readonly #index: FleetIndex;
  readonly #watchers: Map<string, ManagementClusterWatcher>;
  readonly #policy: PatchPolicy;
  readonly #gitFolders?: GitFolderLookup;
  readonly #decorate?: (summary: ClusterSummary) => ClusterSummary;

  constructor(options: {
    index: FleetIndex;
    watchers: ManagementClusterWatcher[];
    policy: PatchPolicy;
    gitFolders?: GitFolderLookup;
    /** Adds to each summary as it is read (drift). */
    decorate?: (summary: ClusterSummary) => ClusterSummary;
  }) {
    this.#index = options.index;
    this.#watchers = new Map(options.watchers.map(w => [w.name, w]));
    this.#policy = options.policy;
    this.#gitFolders = options.gitFolders;
    this.#decorate = options.decorate;
  }

  get index(): FleetIndex {
    return this.#index;
  }

  managementClusterNames(): string[] {
    return [...this.#watchers.keys()];
  }

  /** A cluster's summary with staleness and whether its folder is in Git, or undefined. */
  cluster(
    id: string,
    stalenessCache?: Map<
      string,
      ReturnType<ManagementClusterWatcher['staleness']> | undefined
    >,
    cache = true,
  ): ClusterSummary | undefined {
    const cached = this.#index.getSummary(id, { cache });
    if (!cached) return undefined;
    // Summaries are cached and shared: decorate a copy.
    const gitManaged = this.#gitFolders?.hasFolder(cached.gitopsPath);
    const inGit = gitManaged === undefined ? cached : { ...cached, gitManaged };
    const summary = this.#decorate ? this.#decorate(inGit) : inGit;
    const mc = summary.managementCluster;
    let staleness = stalenessCache?.get(mc);
    if (!staleness) {
      staleness = this.#watchers.get(mc)?.staleness();
      stalenessCache?.set(mc, staleness);
    }
    if (!staleness?.stale) return summary;
    return {
      ...summary,
      stale: true,
      staleReason: staleness.reason,
      staleSince: staleness.since,
    };
  }

  clusters(ids: Iterable<string>): ClusterSummary[] {
    const result: ClusterSummary[] = [];
    // Staleness is per management cluster: work it out once per call.
    const staleness = new Map();
    // Keep at most as many as the cache holds; build the rest on the fly.
    let cacheable = this.#index.fullSummaryCacheSize;
    for (const id of new Set(ids)) {
      const summary = this.cluster(id, staleness, cacheable-- > 0);
      if (summary) result.push(summary);
    }
    // Plain code-unit order: stable, and far cheaper than localeCompare for 10k ids.
    return result.sort((a, b) => (a.id < b.id ? -1 : Number(a.id > b.id)));
  }

  /** Names of management clusters that are not fully in sync. */
  unsyncedManagementClusters(): string[] {
    return [...this.#watchers.values()]
      .filter(w => w.health().state !== 'synced')
      .map(w => w.name);
  }

  health(): ManagementClusterHealth[] {
    return [...this.#watchers.values()].map(w => w.health());
  }

  fleet(query: FleetQuery): FleetResponse {
    // Aggregates (no machine lists) for the whole fleet; full summaries only
    // for the page returned.
    const all: ClusterAggregate[] = [];
    for (const id of this.#index.clusterIds()) {
      const aggregate = this.#index.getAggregate(id);
      if (aggregate) all.push(aggregate);
    }
    all.sort((a, b) => (a.id < b.id ? -1 : Number(a.id > b.id)));
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
    const hasState = (c: ClusterAggregate, state: PatchStateName) => {
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
    };
    const filtered = all.filter(c => {
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
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    return {
      summary: this.#summarise(filtered),
      policy: this.#policy.summary,
      total: filtered.length,
      offset,
      limit,
      items: this.clusters(
        filtered.slice(offset, offset + limit).map(a => a.id),
      ),
      managementClusters: this.health(),
      facets: {
        owners: [
          ...new Set(all.flatMap(c => (c.owner ? [c.owner] : []))),
        ].sort(),
        versions: [
          ...new Set(
            all.flatMap(c => [
              ...(c.desiredVersion ? [c.desiredVersion] : []),
              ...c.runningVersions,
            ]),
          ),
        ].sort(),
      },
    };
  }

  #summarise(all: ClusterAggregate[]): FleetResponse['summary'] {
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
      patch: {
        upToDate: 0,
        pending: 0,
        overdue: 0,
        unknown: 0,
        rebootRequired: 0,
        total: 0,
        compliance: 1,
      },
      overdue: [],
    };
    for (const c of all) {
      summary.machines += c.machineCount;
      count(summary.byStatus, c.status);
      count(summary.byPhase, c.phase);
      count(summary.byVersion, c.actualVersion ?? c.desiredVersion);
      const p = summary.patch;
      p.upToDate += c.patch.upToDate;
      p.pending += c.patch.pending;
      p.overdue += c.patch.overdue;
      p.unknown += c.patch.unknown;
      p.rebootRequired += c.patch.rebootRequired;
      p.total += c.patch.total;
      if (c.overdueMachines.length > 0) {
        const entry: FleetResponse['summary']['overdue'][number] = {
          clusterId: c.id,
          cluster: c.name,
          managementCluster: c.managementCluster,
          machines: c.overdueMachines.map(m => ({ ...m })),
        };
        if (c.owner) entry.owner = c.owner;
        summary.overdue.push(entry);
      }
    }
    const p = summary.patch;
    p.compliance = patchCompliance(p);
    const earliestDue = (e: FleetResponse['summary']['overdue'][number]) =>
      e.machines.reduce(
        (min, m) => (m.dueBy && m.dueBy < min ? m.dueBy : min),
        '9999',
      );
    summary.overdue.sort((a, b) => {
      const da = earliestDue(a);
      const db = earliestDue(b);
      return da < db ? -1 : Number(da > db);
    });
    summary.overdue = summary.overdue.slice(0, 100);
    // Stable key order for charts: versions ascending.
    summary.byVersion = Object.fromEntries(
      Object.entries(summary.byVersion).sort(([a], [b]) =>
        compareKubernetesVersions(a, b),
      ),
    );
    return summary;
  }
}
