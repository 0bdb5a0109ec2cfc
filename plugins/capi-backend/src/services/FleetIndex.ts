import type { ClusterSummary } from '@capstan/plugin-capi-common';
import type {
  CapiKind,
  TrimmedCluster,
  TrimmedControlPlane,
  TrimmedObject,
} from '../normalise/types';
import { ClusterLookups } from './ClusterLookups';
import type { ClusterAggregate } from './ClusterSummaryCache';
import { ControlPlaneLinks } from './ControlPlaneLinks';
import { EntrySummaries, type FleetIndexContext } from './EntrySummaries';
import {
  clusterId,
  emptyEntry,
  isEmptyEntry,
  type FleetEntry as Entry,
} from './fleetEntry';
import { LabelRequirement, matchesLabelSelector } from './LabelSelector';
import { ObjectLocations } from './ObjectLocations';

export type { ClusterAggregate } from './ClusterSummaryCache';
export type { FleetIndexContext } from './EntrySummaries';

/**
 * Receives ids (`managementCluster/namespace/name`) of clusters whose
 * summary changed, and of clusters that are gone.
 *
 * @public
 */
export type FleetChangeListener = (
  changed: string[],
  removed: string[],
) => void;

const SEP = '\u0000';

/**
 * In-memory index of the fleet: trimmed objects grouped by workload
 * cluster, looked up by id, entity ref, management cluster and label, with
 * one cached summary per cluster that is rebuilt lazily after a change.
 * Requests never reach an API server.
 *
 * @public
 */
export class FleetIndex {
  readonly #summaries: EntrySummaries;
  readonly #entries = new Map<string, Entry>();
  /** (mc, kind) → namespace/name → cluster id; short keys, shared id strings. */
  readonly #objectCluster = new Map<string, ObjectLocations>();
  readonly #controlPlanes = new ControlPlaneLinks();
  readonly #lookups = new ClusterLookups();
  /** Machines of known clusters per management cluster, kept as they change. */
  readonly #machineCounts = new Map<string, number>();
  readonly #listeners: FleetChangeListener[] = [];
  #generation = 0;
  #membership = 0;

  constructor(context: FleetIndexContext) {
    this.#summaries = new EntrySummaries(context);
  }

  /** Increases on every change; lets callers cache fleet-wide aggregates. */
  get generation(): number {
    return this.#generation;
  }

  /** Increases when a cluster is added or removed; lets callers keep an order of ids. */
  get membership(): number {
    return this.#membership;
  }

  onChange(listener: FleetChangeListener): void {
    this.#listeners.push(listener);
  }

  #emit(changed: string[], removed: string[]) {
    this.#generation++;
    for (const listener of this.#listeners) {
      try {
        listener(changed, removed);
      } catch {
        // listeners must not break the cache
      }
    }
  }

  #entry(mc: string, namespace: string, name: string): Entry {
    let entry = this.#entries.get(clusterId(mc, namespace, name));
    if (!entry) {
      entry = emptyEntry(mc, namespace, name);
      this.#entries.set(entry.id, entry);
    }
    return entry;
  }

  /** Runs a change to an entry, keeping the machine count of its management cluster. */
  #counting<T>(entry: Entry, change: () => T): T {
    const counted = (e: Entry) => (e.cluster ? e.machines.size : 0);
    const before = counted(entry);
    const result = change();
    const delta = counted(entry) - before;
    if (delta !== 0) {
      const mc = entry.managementCluster;
      this.#machineCounts.set(mc, (this.#machineCounts.get(mc) ?? 0) + delta);
    }
    return result;
  }

  #dropIfEmpty(id: string, entry: Entry) {
    if (isEmptyEntry(entry)) this.#entries.delete(id);
  }

  #locations(mc: string, kind: CapiKind, create: true): ObjectLocations;
  #locations(
    mc: string,
    kind: CapiKind,
    create?: false,
  ): ObjectLocations | undefined;
  #locations(mc: string, kind: CapiKind, create = false) {
    const key = `${mc}${SEP}${kind}`;
    let locations = this.#objectCluster.get(key);
    if (!locations && create) {
      this.#objectCluster.set(key, (locations = new ObjectLocations()));
    }
    return locations;
  }

  #locate(mc: string, kind: CapiKind, namespace: string, name: string) {
    return this.#locations(mc, kind)?.get(namespace, name);
  }

  #fileCluster(id: string, entry: Entry, cluster: TrimmedCluster | undefined) {
    const previous = entry.cluster;
    if (!previous !== !cluster) this.#membership++;
    this.#lookups.refile(id, entry.managementCluster, previous, cluster);
    const claimed = this.#controlPlanes.relink(
      id,
      entry.managementCluster,
      entry.namespace,
      previous?.controlPlaneRef?.name,
      cluster?.controlPlaneRef?.name,
    );
    entry.cluster = cluster;
    if (claimed) {
      entry.controlPlane = claimed;
      this.#locations(entry.managementCluster, 'KubeadmControlPlane', true).set(
        entry.namespace,
        claimed.name,
        id,
      );
    }
  }

  #clusterIdOf(mc: string, object: TrimmedObject): string | undefined {
    if (object.kind === 'Cluster')
      return clusterId(mc, object.namespace, object.name);
    if (object.kind === 'KubeadmControlPlane') {
      if (object.clusterName)
        return clusterId(mc, object.namespace, object.clusterName);
      return this.#controlPlanes.clusterOf(mc, object.namespace, object.name);
    }
    return clusterId(mc, object.namespace, object.clusterName);
  }

  #put(mc: string, object: TrimmedObject): string | undefined {
    const previousId = this.#locate(
      mc,
      object.kind,
      object.namespace,
      object.name,
    );
    const id = this.#clusterIdOf(mc, object);
    let movedFrom: string | undefined;
    if (previousId && previousId !== id) {
      this.#delete(mc, object.kind, object.namespace, object.name);
      movedFrom = previousId;
    }
    if (!id) {
      // A control plane whose cluster we have not seen yet.
      this.#controlPlanes.park(mc, object as TrimmedControlPlane);
      return movedFrom;
    }
    const entry = this.#entry(
      mc,
      object.namespace,
      id.slice(mc.length + object.namespace.length + 2),
    );
    this.#locations(mc, object.kind, true).set(
      object.namespace,
      object.name,
      entry.id,
    );
    this.#counting(entry, () => {
      switch (object.kind) {
        case 'Cluster':
          this.#fileCluster(entry.id, entry, object);
          break;
        case 'KubeadmControlPlane':
          entry.controlPlane = object;
          break;
        case 'Machine':
          entry.machines.set(object);
          break;
        default:
          entry.pools.set(object);
      }
    });
    this.#summaries.invalidate(entry);
    return entry.id;
  }

  #delete(
    mc: string,
    kind: CapiKind,
    namespace: string,
    name: string,
  ): string | undefined {
    const locations = this.#locations(mc, kind);
    const id = locations?.get(namespace, name);
    locations?.delete(namespace, name);
    if (kind === 'KubeadmControlPlane') {
      this.#controlPlanes.forget(mc, namespace, name);
    }
    const entry = id ? this.#entries.get(id) : undefined;
    if (!id || !entry) return undefined;
    this.#counting(entry, () => {
      switch (kind) {
        case 'Cluster':
          this.#fileCluster(id, entry, undefined);
          break;
        case 'KubeadmControlPlane':
          entry.controlPlane = undefined;
          break;
        case 'Machine':
          entry.machines.delete(kind, name);
          break;
        default:
          entry.pools.delete(kind, name);
      }
    });
    this.#summaries.invalidate(entry);
    this.#dropIfEmpty(id, entry);
    return id;
  }

  #report(ids: Iterable<string | undefined>) {
    const changed: string[] = [];
    const removed: string[] = [];
    for (const id of new Set(ids)) {
      if (!id) continue;
      if (this.#entries.get(id)?.cluster) changed.push(id);
      else removed.push(id);
    }
    if (changed.length > 0 || removed.length > 0) this.#emit(changed, removed);
    this.#lookups.reported();
  }

  /** Adds or replaces one object. */
  upsert(mc: string, object: TrimmedObject): void {
    const before = this.#locate(mc, object.kind, object.namespace, object.name);
    const id = this.#put(mc, object);
    this.#report([before, id]);
  }

  /** Removes one object. */
  remove(mc: string, kind: CapiKind, namespace: string, name: string): void {
    this.#report([this.#delete(mc, kind, namespace, name)]);
  }

  /** Replaces all objects of a kind in a management cluster (after a full list). */
  replaceKind(mc: string, kind: CapiKind, objects: TrimmedObject[]): void {
    const keep = new Set(objects.map(o => `${o.namespace}/${o.name}`));
    const touched: Array<string | undefined> = [];
    for (const [namespace, name] of this.#locations(mc, kind)?.list() ?? []) {
      if (!keep.has(`${namespace}/${name}`)) {
        touched.push(this.#delete(mc, kind, namespace, name));
      }
    }
    if (kind === 'KubeadmControlPlane') {
      this.#controlPlanes.forgetAllBut(mc, keep);
    }
    for (const object of objects) {
      const id = this.#clusterIdOf(mc, object);
      const current = id ? this.#current(id, object) : undefined;
      if (current && JSON.stringify(current) === JSON.stringify(object)) {
        continue; // unchanged since the last list: keep the cached summary
      }
      touched.push(
        this.#locate(mc, object.kind, object.namespace, object.name),
      );
      touched.push(this.#put(mc, object));
    }
    this.#report(touched);
  }

  #current(id: string, object: TrimmedObject): TrimmedObject | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    switch (object.kind) {
      case 'Cluster':
        return entry.cluster;
      case 'KubeadmControlPlane':
        return entry.controlPlane;
      case 'Machine':
        return entry.machines.get(object.kind, object.name);
      default:
        return entry.pools.get(object.kind, object.name);
    }
  }

  /** Whether a workload cluster with this id is known. */
  has(id: string): boolean {
    return Boolean(this.#entries.get(id)?.cluster);
  }

  /** The cached (trimmed) Cluster object, e.g. for its owner and labels. */
  clusterObject(id: string): TrimmedCluster | undefined {
    return this.#entries.get(id)?.cluster;
  }

  /** How many full summaries are kept. */
  get fullSummaryCacheSize(): number {
    return this.#summaries.fullSummaryCacheSize;
  }

  /**
   * The full summary of a cluster (with machines). Built on first read after
   * a change or when patch states age, and kept for recently read clusters.
   * With `cache: false` a summary that isn't kept yet is built without being
   * kept: bulk reads larger than the cache use it for their tail, so that
   * reading the same large set twice doesn't evict every entry just before
   * it is needed again.
   */
  getSummary(
    id: string,
    options: { cache?: boolean } = {},
  ): ClusterSummary | undefined {
    const entry = this.#entries.get(id);
    if (!entry?.cluster) return undefined;
    return this.#summaries.full(entry, options.cache !== false);
  }

  /** The cached aggregate of a cluster, for fleet-wide views. */
  getAggregate(id: string): ClusterAggregate | undefined {
    const entry = this.#entries.get(id);
    if (!entry?.cluster) return undefined;
    return this.#summaries.aggregate(entry);
  }

  /** The index's clock (the context's, for tests). */
  now(): number {
    return this.#summaries.now();
  }

  /** Until when the aggregate of `id` holds: its patch states age then. */
  aggregateValidUntil(id: string): number {
    return this.#entries.get(id)?.validUntil ?? Infinity;
  }

  /** Drops every cached summary, e.g. after the patch providers changed. */
  invalidateAll(): void {
    this.#summaries.invalidateAll(this.#entries.values());
    this.#generation++;
  }

  /** Ids of all known clusters. */
  *clusterIds(): IterableIterator<string> {
    for (const [id, entry] of this.#entries) {
      if (entry.cluster) yield id;
    }
  }

  /** Ids of clusters the scaffolder linked to an entity (as owner or requesting entity). */
  idsForEntity(entityRef: string): string[] {
    return this.#lookups.idsForEntity(entityRef);
  }

  /** Ids of clusters of one management cluster. */
  idsForManagementCluster(mc: string): string[] {
    return [...this.#lookups.idsOfManagementCluster(mc)];
  }

  /** Ids of clusters whose labels match a selector; equality terms use the label index. */
  idsBySelector(requirements: LabelRequirement[]): string[] {
    let candidates: Set<string> | undefined;
    for (const r of requirements) {
      if (r.op !== 'in') continue;
      const ids = this.#lookups.idsWithLabel(r.key, r.values);
      if (!candidates || ids.size < candidates.size) candidates = ids;
    }
    const result: string[] = [];
    for (const id of candidates ?? this.clusterIds()) {
      const cluster = this.#entries.get(id)?.cluster;
      if (cluster && matchesLabelSelector(cluster.labels, requirements))
        result.push(id);
    }
    return result;
  }

  /** Entity refs (lower case) a cluster is linked to through its labels and annotations. */
  entityRefsOfCluster(id: string): string[] {
    return this.#lookups.entityRefsOf(id, this.has(id));
  }

  /** Number of clusters and machines per management cluster (kept, not counted per call). */
  counts(mc: string): { clusters: number; machines: number } {
    return {
      clusters: this.#lookups.idsOfManagementCluster(mc).size,
      machines: this.#machineCounts.get(mc) ?? 0,
    };
  }
}
