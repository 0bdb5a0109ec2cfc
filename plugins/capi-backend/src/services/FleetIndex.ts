import type { ClusterSummary, PatchState } from '@capstan/plugin-capi-common';
import type {
  CapiKind,
  TrimmedCluster,
  TrimmedControlPlane,
  TrimmedMachine,
  TrimmedObject,
  TrimmedPool,
} from '../normalise/types';
import { buildClusterSummary } from './buildClusterSummary';
import { ClusterLookups } from './ClusterLookups';
import {
  ClusterAggregate,
  ClusterSummaryCache,
  toAggregate,
} from './ClusterSummaryCache';
import { LabelRequirement, matchesLabelSelector } from './LabelSelector';
import { NamedObjects } from './NamedObjects';
import { ObjectLocations } from './ObjectLocations';

export type { ClusterAggregate } from './ClusterSummaryCache';

/**
 * What the index needs from the rest of the backend to build summaries.
 *
 * @public
 */
export interface FleetIndexContext {
  managementClusterTitle?(managementCluster: string): string | undefined;
  apiVersion?(managementCluster: string): string | undefined;
  patchStateOf(
    managementCluster: string,
    machine: TrimmedMachine,
    now: number,
  ): { state: PatchState; validUntil: number };
  allowedVersions?(profile: string): readonly string[] | undefined;
  /** Whether the profile allows chained (multi-minor) upgrades of ClusterClass clusters. */
  chainedUpgrades?(profile: string): boolean;
  gitopsUrl?(path: string): string | undefined;
  now?(): number;
  /**
   * Full summaries (with one MachineSummary per machine) kept for the most
   * recently read clusters. Fleet-wide views use per-cluster aggregates
   * without machines, so memory stays small. Default 2000.
   */
  fullSummaryCacheSize?: number;
}

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

interface Entry {
  /** The one copy of the id string that every index of this cluster keeps. */
  id: string;
  managementCluster: string;
  namespace: string;
  name: string;
  cluster?: TrimmedCluster;
  controlPlane?: TrimmedControlPlane;
  pools: NamedObjects<TrimmedPool>;
  machines: NamedObjects<TrimmedMachine>;
  aggregate?: ClusterAggregate;
  validUntil: number;
}

const SEP = '\u0000';

/** Joined into one flat string: a template keeps a rope of pieces per id. */
function clusterId(mc: string, namespace: string, name: string) {
  return [mc, namespace, name].join('/');
}

/** Key of a control plane by management cluster, namespace and name. */
function controlPlaneKey(mc: string, namespace: string, name: string) {
  return [mc, namespace, name].join(SEP);
}

/**
 * In-memory index of the fleet: trimmed objects grouped by workload
 * cluster, looked up by id, entity ref, management cluster and label, with
 * one cached summary per cluster that is rebuilt lazily after a change.
 * Requests never reach an API server.
 *
 * @public
 */
export class FleetIndex {
  readonly #context: FleetIndexContext;
  readonly #fullSummaries: ClusterSummaryCache;
  readonly #entries = new Map<string, Entry>();
  /** (mc, kind) → namespace/name → cluster id; short keys, shared id strings. */
  readonly #objectCluster = new Map<string, ObjectLocations>();
  /** Control planes not (yet) tied to a cluster, by mc, namespace and name. */
  readonly #unlinkedControlPlanes = new Map<string, TrimmedControlPlane>();
  /** Cluster.spec.controlPlaneRef (mc, namespace, name) → cluster id. */
  readonly #controlPlaneRefs = new Map<string, string>();
  readonly #lookups = new ClusterLookups();
  /** Machines of known clusters per management cluster, kept as they change. */
  readonly #machineCounts = new Map<string, number>();
  readonly #listeners: FleetChangeListener[] = [];
  #generation = 0;
  #membership = 0;

  constructor(context: FleetIndexContext) {
    this.#context = context;
    this.#fullSummaries = new ClusterSummaryCache(
      context.fullSummaryCacheSize ?? 2000,
    );
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
    const id = clusterId(mc, namespace, name);
    let entry = this.#entries.get(id);
    if (!entry) {
      entry = {
        id,
        managementCluster: mc,
        namespace,
        name,
        pools: new NamedObjects(),
        machines: new NamedObjects(),
        validUntil: 0,
      };
      this.#entries.set(id, entry);
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
    if (
      !entry.cluster &&
      !entry.controlPlane &&
      entry.pools.size === 0 &&
      entry.machines.size === 0
    ) {
      this.#entries.delete(id);
    }
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
    const previousRef = previous?.controlPlaneRef?.name;
    if (previousRef)
      this.#controlPlaneRefs.delete(
        controlPlaneKey(entry.managementCluster, entry.namespace, previousRef),
      );
    entry.cluster = cluster;
    if (!cluster) return;
    const cpName = cluster.controlPlaneRef?.name;
    if (cpName) {
      const cpKey = controlPlaneKey(
        entry.managementCluster,
        entry.namespace,
        cpName,
      );
      this.#controlPlaneRefs.set(cpKey, id);
      const unlinked = this.#unlinkedControlPlanes.get(cpKey);
      if (unlinked) {
        this.#unlinkedControlPlanes.delete(cpKey);
        entry.controlPlane = unlinked;
        this.#locations(
          entry.managementCluster,
          'KubeadmControlPlane',
          true,
        ).set(entry.namespace, cpName, id);
      }
    }
  }

  #clusterIdOf(mc: string, object: TrimmedObject): string | undefined {
    if (object.kind === 'Cluster')
      return clusterId(mc, object.namespace, object.name);
    if (object.kind === 'KubeadmControlPlane') {
      if (object.clusterName)
        return clusterId(mc, object.namespace, object.clusterName);
      return this.#controlPlaneRefs.get(
        controlPlaneKey(mc, object.namespace, object.name),
      );
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
      this.#unlinkedControlPlanes.set(
        controlPlaneKey(mc, object.namespace, object.name),
        object as TrimmedControlPlane,
      );
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
    this.#invalidate(entry.id, entry);
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
      this.#unlinkedControlPlanes.delete(controlPlaneKey(mc, namespace, name));
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
    this.#invalidate(id, entry);
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
      for (const key of [...this.#unlinkedControlPlanes.keys()]) {
        const [m, namespace, name] = key.split(SEP);
        if (m === mc && !keep.has(`${namespace}/${name}`)) {
          this.#unlinkedControlPlanes.delete(key);
        }
      }
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

  #invalidate(id: string, entry: Entry) {
    entry.aggregate = undefined;
    this.#fullSummaries.delete(id);
  }

  #build(entry: Entry, detail: 'full' | 'aggregate', now: number) {
    const mc = entry.managementCluster;
    const profile = entry.cluster!.labels['capstan.dev/profile'];
    return buildClusterSummary({
      managementCluster: mc,
      managementClusterTitle: this.#context.managementClusterTitle?.(mc),
      apiVersion: this.#context.apiVersion?.(mc) ?? 'unknown',
      cluster: entry.cluster!,
      controlPlane: entry.controlPlane,
      pools: entry.pools.values(),
      machines: entry.machines.values(),
      patchStateOf: m => this.#context.patchStateOf(mc, m, now),
      allowedVersions: profile
        ? this.#context.allowedVersions?.(profile)
        : undefined,
      chainedUpgrades: profile
        ? this.#context.chainedUpgrades?.(profile)
        : undefined,
      gitopsUrl: this.#context.gitopsUrl,
      detail,
      now,
    });
  }

  /** How many full summaries are kept. */
  get fullSummaryCacheSize(): number {
    return this.#fullSummaries.size;
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
    const now = this.#context.now?.() ?? Date.now();
    const cached = this.#fullSummaries.get(id, now, options.cache !== false);
    if (cached) return cached;
    const built = this.#build(entry, 'full', now);
    this.#fullSummaries.put(id, built, options.cache !== false);
    if (!entry.aggregate || now >= entry.validUntil) {
      entry.aggregate = toAggregate(entry.id, built);
      entry.validUntil = built.validUntil;
    }
    return built.summary;
  }

  /** The cached aggregate of a cluster, for fleet-wide views. */
  getAggregate(id: string): ClusterAggregate | undefined {
    const entry = this.#entries.get(id);
    if (!entry?.cluster) return undefined;
    const now = this.#context.now?.() ?? Date.now();
    if (!entry.aggregate || now >= entry.validUntil) {
      const built = this.#build(entry, 'aggregate', now);
      entry.aggregate = toAggregate(entry.id, built);
      entry.validUntil = built.validUntil;
    }
    return entry.aggregate;
  }

  /** The index's clock (the context's, for tests). */
  now(): number {
    return this.#context.now?.() ?? Date.now();
  }

  /** Until when the aggregate of `id` holds: its patch states age then. */
  aggregateValidUntil(id: string): number {
    return this.#entries.get(id)?.validUntil ?? Infinity;
  }

  /** Drops every cached summary, e.g. after the patch providers changed. */
  invalidateAll(): void {
    for (const entry of this.#entries.values()) entry.aggregate = undefined;
    this.#fullSummaries.clear();
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
