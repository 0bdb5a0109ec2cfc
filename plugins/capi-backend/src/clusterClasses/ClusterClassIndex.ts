import type { ClusterClassSummary } from '@capstan/plugin-capi-common';
import { readClusterClass } from './readClusterClass';

/** The ClusterClasses of every management cluster, kept current by watches. */
export class ClusterClassIndex {
  readonly #byCluster = new Map<string, Map<string, ClusterClassSummary>>();
  readonly #withoutApi = new Set<string>();

  #key(c: ClusterClassSummary) {
    return `${c.namespace}/${c.name}`;
  }

  replace(managementCluster: string, objects: unknown[]): void {
    const classes = new Map<string, ClusterClassSummary>();
    for (const object of objects) {
      const c = readClusterClass(managementCluster, object);
      if (c) classes.set(this.#key(c), c);
    }
    this.#byCluster.set(managementCluster, classes);
    this.#withoutApi.delete(managementCluster);
  }

  /** The management cluster serves no ClusterClass API (every version answered 404). */
  markWithoutApi(managementCluster: string): void {
    this.#withoutApi.add(managementCluster);
  }

  /** Management clusters that serve no ClusterClass API. */
  withoutApi(): string[] {
    return [...this.#withoutApi].sort();
  }

  upsert(managementCluster: string, object: unknown): void {
    const c = readClusterClass(managementCluster, object);
    if (!c) return;
    const classes = this.#byCluster.get(managementCluster) ?? new Map();
    classes.set(this.#key(c), c);
    this.#byCluster.set(managementCluster, classes);
  }

  remove(managementCluster: string, object: unknown): void {
    const c = readClusterClass(managementCluster, object);
    if (c) this.#byCluster.get(managementCluster)?.delete(this.#key(c));
  }

  /** Management clusters listed at least once. */
  synced(): string[] {
    return [...this.#byCluster.keys()].sort();
  }

  list(filter: {
    managementCluster?: string;
    namespace?: string;
    name?: string;
  }): ClusterClassSummary[] {
    const result: ClusterClassSummary[] = [];
    for (const [mc, classes] of this.#byCluster) {
      if (filter.managementCluster && mc !== filter.managementCluster) continue;
      for (const c of classes.values()) {
        if (filter.namespace && c.namespace !== filter.namespace) continue;
        if (filter.name && c.name !== filter.name) continue;
        result.push(c);
      }
    }
    return result.sort((a, b) =>
      `${a.managementCluster}/${a.namespace}/${a.name}`.localeCompare(
        `${b.managementCluster}/${b.namespace}/${b.name}`,
      ),
    );
  }
}
