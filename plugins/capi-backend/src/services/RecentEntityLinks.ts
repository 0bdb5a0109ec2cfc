function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * Remembers which clusters recently viewed entities resolved to, so that a
 * change to a cluster linked from the entity side (annotation, selector,
 * catalog relation) is also signalled on that entity's channel. Bounded:
 * the least recently viewed entities are forgotten first.
 *
 * Per process, and that is enough with several replicas: every replica
 * watches every management cluster, so the replica that served the view
 * sees the change too and publishes the notice, which the signals service
 * delivers to the browser on whichever replica it is connected to. What a
 * process forgets on restart is only re-learnt at the entity's next view.
 *
 * @public
 */
export class RecentEntityLinks {
  readonly #maxEntities: number;
  readonly #byEntity = new Map<string, string[]>();
  readonly #byCluster = new Map<string, Set<string>>();

  constructor(maxEntities = 10_000) {
    this.#maxEntities = maxEntities;
  }

  record(entityRef: string, clusterIds: string[]): void {
    const ref = entityRef.toLocaleLowerCase('en-US');
    const known = this.#byEntity.get(ref);
    if (known && sameIds(known, clusterIds)) {
      // Viewed again, unchanged: only mark it recently viewed.
      this.#byEntity.delete(ref);
      this.#byEntity.set(ref, known);
      return;
    }
    this.#forget(ref);
    this.#byEntity.set(ref, clusterIds);
    for (const id of clusterIds) {
      let refs = this.#byCluster.get(id);
      if (!refs) this.#byCluster.set(id, (refs = new Set()));
      refs.add(ref);
    }
    if (this.#byEntity.size > this.#maxEntities) {
      // Maps iterate in insertion order: the first key is the oldest view.
      this.#forget(this.#byEntity.keys().next().value!);
    }
  }

  entitiesOf(clusterId: string): string[] {
    return [...(this.#byCluster.get(clusterId) ?? [])];
  }

  #forget(ref: string) {
    for (const id of this.#byEntity.get(ref) ?? []) {
      const refs = this.#byCluster.get(id);
      refs?.delete(ref);
      if (refs?.size === 0) this.#byCluster.delete(id);
    }
    this.#byEntity.delete(ref);
  }
}
