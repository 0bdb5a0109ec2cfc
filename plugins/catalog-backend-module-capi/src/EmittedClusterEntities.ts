/**
 * The cluster entity refs this provider has emitted, per management
 * cluster, so that a refresh whose list is complete for some management
 * clusters only (another one is down or not synced yet) can still remove
 * the entities of clusters gone from those. It only ever narrows removals:
 * after a restart it is empty, and nothing is removed from an incomplete
 * list until a complete list replaces everything.
 */
export class EmittedClusterEntities {
  readonly #byManagementCluster = new Map<string, Set<string>>();

  /** After a full mutation: exactly these. */
  replaceAll(byManagementCluster: Map<string, Set<string>>): void {
    this.#byManagementCluster.clear();
    for (const [mc, refs] of byManagementCluster) {
      this.#byManagementCluster.set(mc, new Set(refs));
    }
  }

  /**
   * Records that a management cluster's entities are now `current`, and
   * returns the refs emitted before that are not among them.
   */
  replace(managementCluster: string, current: Set<string>): string[] {
    const before = this.#byManagementCluster.get(managementCluster);
    this.#byManagementCluster.set(managementCluster, new Set(current));
    return before ? [...before].filter(ref => !current.has(ref)) : [];
  }

  add(managementCluster: string, ref: string): void {
    let refs = this.#byManagementCluster.get(managementCluster);
    if (!refs)
      this.#byManagementCluster.set(managementCluster, (refs = new Set()));
    refs.add(ref);
  }

  remove(managementCluster: string, ref: string): void {
    this.#byManagementCluster.get(managementCluster)?.delete(ref);
  }
}
