import type {
  ClusterListItem,
  ClusterSummary,
  FleetQuery,
  FleetResponse,
  ManagementClusterHealth,
} from '@capstan/plugin-capi-common';
import { toListItem } from './ClusterPages';
import { EncodedFleetPages, type EncodedJson } from './EncodedFleetPages';
import type { FleetIndex } from './FleetIndex';
import type { ClusterAggregate } from './ClusterSummaryCache';
import { toFleetRow, type RowStaleness } from './fleetRow';
import { FleetSelections, type FleetSelection } from './FleetSelections';
import type { ManagementClusterWatcher } from './ManagementClusterWatcher';
import type { PatchPolicy } from './PatchPolicy';

/** Which cluster folders are in the GitOps repository (see GitopsMirror). */
export interface GitFolderLookup {
  /** Undefined when it is not known (yet). */
  hasFolder(path: string): boolean | undefined;
}

/**
 * Reads the fleet from the index for the API: adds per-management-cluster
 * staleness to cached summaries; the fleet page's filters and figures come
 * from FleetSelections.
 *
 * @public
 */
export class FleetReader {
  readonly #index: FleetIndex;
  readonly #watchers: Map<string, ManagementClusterWatcher>;
  readonly #policy: PatchPolicy;
  readonly #gitFolders?: GitFolderLookup;
  readonly #decorate?: (summary: ClusterSummary) => ClusterSummary;
  readonly #selections: FleetSelections;
  readonly #pages = new EncodedFleetPages();
  readonly #titles = new Map<string, string | undefined>();

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
    this.#selections = new FleetSelections(options.index);
    for (const w of options.watchers) this.#titles.set(w.name, w.title);
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
      .filter(w => w.state() !== 'synced')
      .map(w => w.name);
  }

  health(): ManagementClusterHealth[] {
    return [...this.#watchers.values()].map(w => w.health());
  }

  /** The aggregates of every cluster that matches the query's filters, in id order. */
  matching(query: FleetQuery): readonly ClusterAggregate[] {
    return this.#selections.select(query).clusters;
  }

  /**
   * The fleet page: figures over every cluster that matches the filters and
   * one page of rows (`FleetClusterRow`: what the fleet table and cards
   * read), made from the aggregates kept for every cluster; no full summary
   * is built. A cluster's pools and machines come from the detail endpoint.
   */
  fleet(query: FleetQuery): FleetResponse {
    const selection = this.#selections.select(query);
    return this.#rows(selection, query, this.health(), this.#staleness());
  }

  /**
   * The fleet page as the API sends it, encoded once and kept while the
   * fleet, the filters, the page and the management clusters' health stay
   * the same (see EncodedFleetPages).
   */
  encodedFleet(query: FleetQuery): EncodedJson {
    const selection = this.#selections.select(query);
    const health = this.health();
    const staleness = this.#staleness();
    const state = JSON.stringify([health, [...staleness]]);
    return this.#pages.get(
      selection,
      `${query.offset ?? 0}:${query.limit ?? 50}`,
      state,
      () => this.#rows(selection, query, health, staleness),
    );
  }

  /**
   * `view=summaries`: the page's clusters as list items (node pools,
   * conditions, upgrade options; no machines), for readers that need those
   * of every cluster. Builds a full summary per cluster of the page.
   */
  fleetSummaries(query: FleetQuery): FleetResponse<ClusterListItem> {
    const { clusters, summary, facets } = this.#selections.select(query);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    return {
      summary,
      policy: this.#policy.summary,
      total: clusters.length,
      offset,
      limit,
      items: this.clusters(
        clusters.slice(offset, offset + limit).map(a => a.id),
      ).map(toListItem),
      managementClusters: this.health(),
      facets,
    };
  }

  /** Management clusters whose data is stale, by name. */
  #staleness(): Map<string, RowStaleness> {
    const stale = new Map<string, RowStaleness>();
    for (const [name, watcher] of this.#watchers) {
      const staleness = watcher.staleness();
      if (staleness.stale) stale.set(name, staleness);
    }
    return stale;
  }

  #rows(
    selection: FleetSelection,
    query: FleetQuery,
    health: ManagementClusterHealth[],
    staleness: Map<string, RowStaleness>,
  ): FleetResponse {
    const { clusters, summary, facets } = selection;
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    return {
      summary,
      policy: this.#policy.summary,
      total: clusters.length,
      offset,
      limit,
      items: clusters
        .slice(offset, offset + limit)
        .map(a =>
          toFleetRow(
            a,
            this.#titles.get(a.managementCluster),
            staleness.get(a.managementCluster),
          ),
        ),
      managementClusters: health,
      facets,
    };
  }
}
