import type { TrimmedCluster } from '../normalise/types';
import { entityRefsOf, ownerOf } from './buildClusterSummary';

function addTo<K>(map: Map<K, Set<string>>, key: K, id: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

/**
 * The fleet index's secondary indexes over Cluster objects: cluster ids by
 * linked entity (owner and requesting entity), by label and by management
 * cluster, kept in step as Clusters are filed and unfiled.
 */
export class ClusterLookups {
  readonly #byEntity = new Map<string, Set<string>>();
  readonly #byLabel = new Map<string, Map<string, Set<string>>>();
  readonly #byManagementCluster = new Map<string, Set<string>>();
  /** Entity keys each cluster is filed under, to unfile it on change. */
  readonly #entityKeys = new Map<string, string[]>();
  /** Entity links of clusters removed since the last change report, for notifications. */
  #removedEntityKeys = new Map<string, string[]>();

  /** Unfiles the previous Cluster object of `id` and files the next one (none when deleted). */
  refile(
    id: string,
    managementCluster: string,
    previous: TrimmedCluster | undefined,
    next: TrimmedCluster | undefined,
  ): void {
    const keys = this.#entityKeys.get(id) ?? [];
    if (!next && keys.length > 0) this.#removedEntityKeys.set(id, keys);
    for (const key of keys) this.#byEntity.get(key)?.delete(id);
    this.#entityKeys.delete(id);
    if (previous) {
      for (const [k, v] of Object.entries(previous.labels)) {
        this.#byLabel.get(k)?.get(v)?.delete(id);
      }
      this.#byManagementCluster.get(managementCluster)?.delete(id);
    }
    if (!next) return;
    const entityKeys = new Set(entityRefsOf(next));
    const owner = ownerOf(next);
    if (owner) entityKeys.add(owner);
    this.#entityKeys.set(id, [...entityKeys]);
    for (const key of entityKeys) addTo(this.#byEntity, key, id);
    for (const [k, v] of Object.entries(next.labels)) {
      let values = this.#byLabel.get(k);
      if (!values) this.#byLabel.set(k, (values = new Map()));
      addTo(values, v, id);
    }
    addTo(this.#byManagementCluster, managementCluster, id);
  }

  /** Forgets the entity links of removed clusters once their removal was reported. */
  reported(): void {
    this.#removedEntityKeys = new Map();
  }

  idsForEntity(entityRef: string): string[] {
    return [
      ...(this.#byEntity.get(entityRef.toLocaleLowerCase('en-US')) ?? []),
    ];
  }

  idsOfManagementCluster(mc: string): ReadonlySet<string> {
    return this.#byManagementCluster.get(mc) ?? new Set<string>();
  }

  idsWithLabel(key: string, values: readonly string[]): Set<string> {
    const byValue = this.#byLabel.get(key);
    const ids = new Set<string>();
    for (const v of values) {
      for (const id of byValue?.get(v) ?? []) ids.add(id);
    }
    return ids;
  }

  /** Entity refs (lower case) of a known cluster, or of one removed since the last report. */
  entityRefsOf(id: string, known: boolean): string[] {
    return [
      ...(known
        ? this.#entityKeys.get(id) ?? []
        : this.#removedEntityKeys.get(id) ?? []),
    ];
  }
}
