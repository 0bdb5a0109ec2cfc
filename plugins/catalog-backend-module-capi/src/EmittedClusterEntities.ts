/** Entity refs emitted, by cluster id (`managementCluster/namespace/name`). */
export type EmittedRefs = Map<string, string>;

/**
 * The cluster entity refs this provider has emitted, per management
 * cluster and cluster, so that a refresh whose list is complete for some
 * management clusters only (another one is down or not synced yet) can
 * still remove the entities of clusters gone from those, and a cluster
 * that is removed (an event names only its ref) loses the entity whose name
 * cannot be computed from that ref. It only ever narrows removals: after a
 * restart it is empty, and nothing is removed from an incomplete list until
 * a complete list replaces everything.
 */
export class EmittedClusterEntities {
  readonly #byManagementCluster = new Map<string, EmittedRefs>();

  /** After a full mutation: exactly these. */
  replaceAll(byManagementCluster: Map<string, EmittedRefs>): void {
    this.#byManagementCluster.clear();
    for (const [mc, refs] of byManagementCluster) {
      this.#byManagementCluster.set(mc, new Map(refs));
    }
  }

  /**
   * Records that a management cluster's entities are now `current`, and
   * returns the refs emitted before that are not among them.
   */
  replace(managementCluster: string, current: EmittedRefs): string[] {
    const before = this.#byManagementCluster.get(managementCluster);
    this.#byManagementCluster.set(managementCluster, new Map(current));
    const kept = new Set(current.values());
    return before ? [...before.values()].filter(ref => !kept.has(ref)) : [];
  }

  /**
   * Records the entity emitted for a cluster; returns the one emitted for
   * it before when that had another name (to be removed).
   */
  add(
    managementCluster: string,
    clusterId: string,
    ref: string,
  ): string | undefined {
    let refs = this.#byManagementCluster.get(managementCluster);
    if (!refs)
      this.#byManagementCluster.set(managementCluster, (refs = new Map()));
    const before = refs.get(clusterId);
    refs.set(clusterId, ref);
    return before !== undefined && before !== ref ? before : undefined;
  }

  /** Forgets a cluster's entity; returns its ref when one was emitted. */
  remove(managementCluster: string, clusterId: string): string | undefined {
    const refs = this.#byManagementCluster.get(managementCluster);
    const before = refs?.get(clusterId);
    refs?.delete(clusterId);
    return before;
  }
}
