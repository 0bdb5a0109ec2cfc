import {
  ClusterDrift,
  ClusterSummary,
  DRIFT_STATES,
  DriftField,
  DriftState,
  FleetDriftEntry,
  FleetDriftResponse,
} from '@capstan/plugin-capi-common';
import type { FleetIndex } from '../services/FleetIndex';
import type { ArgoApplicationIndex } from './ArgoApplicationIndex';
import { compareClusterFields } from './compareClusterFields';
import type { GitClusterManifests } from './GitClusterManifests';

/** Options of a DriftTracker. */
export interface DriftTrackerOptions {
  index: Pick<
    FleetIndex,
    'onChange' | 'getSummary' | 'getAggregate' | 'clusterIds' | 'has'
  >;
  manifests: Pick<
    GitClusterManifests,
    'revision' | 'folder' | 'folders' | 'removedAt'
  >;
  argo?: Pick<ArgoApplicationIndex, 'forFolder'>;
  /** A difference younger than this (or a Git change younger than this) is `pending`. */
  gracePeriodMs: number;
  /** Management clusters whose objects are complete in the cache now. */
  syncedManagementClusters: () => Iterable<string>;
  /** Whether a change request is in flight for the cluster (optional). */
  changeInFlight?: (clusterId: string) => boolean;
  now?: () => number;
}

interface Difference {
  fields: DriftField[];
  since: number;
  /** Why the folder could not be compared, when it could not. */
  error?: string;
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * Tells, per cluster, how its live objects compare with its folder in Git
 * (see DRIFT_STATES). Differences are worked out when the cache or Git
 * changes (clusters are marked and compared in the next `sweep`, or on
 * read); the state follows from the difference, since when it has been
 * seen, and the grace period, at the time it is read.
 */
export class DriftTracker {
  readonly #options: DriftTrackerOptions;
  readonly #now: () => number;
  /** Live clusters compared; absent = in sync or not compared yet. */
  readonly #differences = new Map<string, Difference>();
  /** Compared clusters and their folder (the cluster may name its own). */
  readonly #compared = new Map<string, { mc: string; path: string }>();
  readonly #dirty = new Set<string>();
  #lastTimeCheck?: number;

  constructor(options: DriftTrackerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    options.index.onChange((changed, removed) => {
      for (const id of changed) this.#dirty.add(id);
      for (const id of removed) {
        this.#dirty.delete(id);
        this.#compared.delete(id);
        this.#differences.delete(id);
      }
    });
  }

  /** Git was read again: compare every cluster anew. */
  gitChanged(): void {
    for (const id of this.#options.index.clusterIds()) this.#dirty.add(id);
  }

  /** Compares the clusters that changed since the last sweep. */
  sweep(): void {
    for (const id of [...this.#dirty]) this.#compare(id);
  }

  /**
   * Management clusters with a cluster whose state changed by time alone
   * since the last call (a difference or a Git change outlived the grace
   * period), so that views can be told to refresh.
   */
  changedByTime(): string[] {
    const now = this.#now();
    const last = this.#lastTimeCheck ?? now;
    this.#lastTimeCheck = now;
    const { gracePeriodMs, manifests } = this.#options;
    const crossed = (t: number | undefined) =>
      t !== undefined && t + gracePeriodMs > last && t + gracePeriodMs <= now;
    const changed = new Set<string>();
    for (const [id, difference] of this.#differences) {
      const mc = this.#compared.get(id)?.mc;
      if (mc && crossed(difference.since)) changed.add(mc);
    }
    for (const folder of manifests.folders()) {
      if (crossed(folder.changedAt)) changed.add(folder.managementCluster);
    }
    return [...changed];
  }

  #compare(id: string, summary?: ClusterSummary) {
    this.#dirty.delete(id);
    const live =
      summary ?? this.#options.index.getSummary(id, { cache: false });
    if (!live) return;
    const folder = this.#options.manifests.folder(live.gitopsPath);
    this.#compared.set(id, {
      mc: live.managementCluster,
      path: live.gitopsPath,
    });
    let fields: DriftField[] = [];
    let error: string | undefined;
    if (folder?.fields) fields = compareClusterFields(folder.fields, live);
    else if (folder?.error) error = folder.error;
    if (fields.length === 0 && !error) {
      this.#differences.delete(id);
      return;
    }
    const previous = this.#differences.get(id);
    this.#differences.set(id, {
      fields,
      since: previous?.since ?? this.#now(),
      ...(error ? { error } : {}),
    });
  }

  #withArgo(drift: ClusterDrift, mc: string, folder: string): ClusterDrift {
    const argocd = this.#options.argo?.forFolder(mc, folder);
    return argocd ? { ...drift, argocd } : drift;
  }

  /**
   * A live cluster's drift; undefined while Git has not been read. The
   * summary is read only when the cluster changed since it was compared.
   */
  driftOf(id: string, summary?: ClusterSummary): ClusterDrift | undefined {
    const { manifests, gracePeriodMs } = this.#options;
    const revision = manifests.revision;
    if (revision === undefined) return undefined;
    if (this.#dirty.has(id) || !this.#compared.has(id)) {
      this.#compare(id, summary);
    }
    const compared = this.#compared.get(id);
    if (!compared) return undefined;
    const now = this.#now();
    const { mc, path } = compared;
    const folder = manifests.folder(path);
    const base = { gitRevision: revision };
    if (!folder) {
      const removedAt = manifests.removedAt(path);
      if (removedAt !== undefined && now - removedAt < gracePeriodMs) {
        return this.#withArgo(
          {
            ...base,
            state: 'pending',
            fields: [],
            since: iso(removedAt),
            reason:
              'Its folder was removed from Git; the cluster is being deleted.',
          },
          mc,
          path,
        );
      }
      return {
        ...base,
        state: 'unmanaged',
        fields: [],
        reason: `No folder ${path} on the GitOps branch.`,
      };
    }
    const difference = this.#differences.get(id);
    if (!difference) {
      return this.#withArgo(
        { ...base, state: 'in-sync', fields: [] },
        mc,
        path,
      );
    }
    const recentGitChange =
      folder.changedAt !== undefined && now - folder.changedAt < gracePeriodMs;
    const inFlight =
      recentGitChange || this.#options.changeInFlight?.(id) === true;
    const settled = now - difference.since >= gracePeriodMs;
    const state: DriftState = !inFlight && settled ? 'drifted' : 'pending';
    const drift: ClusterDrift = {
      ...base,
      state,
      fields: difference.fields,
      since: iso(difference.since),
    };
    if (difference.error) {
      drift.reason = `Its folder in Git cannot be read: ${difference.error}`;
    } else if (state === 'pending') {
      drift.reason = inFlight
        ? 'Git changed; the management cluster is catching up.'
        : 'Live differs from Git, within the grace period.';
    } else {
      drift.reason = 'Live differs from Git, with no change in flight.';
    }
    return this.#withArgo(drift, mc, path);
  }

  /** The summary with its drift. */
  decorate(summary: ClusterSummary): ClusterSummary {
    const drift = this.driftOf(summary.id, summary);
    return drift ? { ...summary, drift } : summary;
  }

  /** Folders in Git for a synced management cluster with no live cluster. */
  #missing(now: number): FleetDriftEntry[] {
    const { manifests, gracePeriodMs } = this.#options;
    const synced = new Set(this.#options.syncedManagementClusters());
    const entries: FleetDriftEntry[] = [];
    for (const folder of manifests.folders()) {
      if (!synced.has(folder.managementCluster)) continue;
      const id = `${folder.managementCluster}/${folder.namespace}/${folder.name}`;
      if (this.#options.index.has(id)) continue;
      const creating =
        folder.changedAt !== undefined &&
        now - folder.changedAt < gracePeriodMs;
      const drift: ClusterDrift = {
        state: creating ? 'pending' : 'missing',
        fields: [],
        gitRevision: manifests.revision,
        reason: creating
          ? 'Its folder was added to Git; the cluster is being created.'
          : `In Git (${folder.path}), but not on management cluster ${folder.managementCluster}.`,
      };
      if (folder.changedAt !== undefined) drift.since = iso(folder.changedAt);
      const entry: FleetDriftEntry = {
        id,
        managementCluster: folder.managementCluster,
        namespace: folder.namespace,
        name: folder.name,
        drift: this.#withArgo(drift, folder.managementCluster, folder.path),
      };
      if (folder.owner) entry.owner = folder.owner;
      entries.push(entry);
    }
    return entries;
  }

  /** Counts by state for the whole fleet, and the clusters in the asked-for states. */
  fleet(query: {
    state?: DriftState[];
    offset?: number;
    limit?: number;
  }): FleetDriftResponse {
    const counts = Object.fromEntries(DRIFT_STATES.map(s => [s, 0])) as Record<
      DriftState,
      number
    >;
    const revision = this.#options.manifests.revision;
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    if (revision === undefined) {
      return { counts, total: 0, offset, limit, items: [] };
    }
    this.sweep();
    const now = this.#now();
    const all: FleetDriftEntry[] = [];
    for (const id of this.#options.index.clusterIds()) {
      const cluster = this.#options.index.getAggregate(id);
      if (!cluster) continue;
      const drift = this.driftOf(id);
      if (!drift) continue;
      const entry: FleetDriftEntry = {
        id,
        managementCluster: cluster.managementCluster,
        namespace: cluster.namespace,
        name: cluster.name,
        drift,
      };
      if (cluster.owner) entry.owner = cluster.owner;
      all.push(entry);
    }
    all.push(...this.#missing(now));
    for (const entry of all) counts[entry.drift.state]++;
    const wanted =
      query.state && query.state.length > 0 ? new Set(query.state) : undefined;
    const filtered = (
      wanted ? all.filter(e => wanted.has(e.drift.state)) : all
    ).sort((a, b) => (a.id < b.id ? -1 : Number(a.id > b.id)));
    return {
      counts,
      gitRevision: revision,
      total: filtered.length,
      offset,
      limit,
      items: filtered.slice(offset, offset + limit),
    };
  }
}
