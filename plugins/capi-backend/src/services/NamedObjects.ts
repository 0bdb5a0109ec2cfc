/**
 * The objects of one cluster of a kind group (its machines, its pools), by
 * kind and name, in an array that holds exactly its items: a cluster has a
 * handful, and such an array costs about a third of a Map's hash table,
 * which adds up over 50,000 clusters. Lookups scan, and an addition copies
 * the array: both linear in the cluster's own objects, which stays cheap
 * for clusters of thousands of machines. Insertion order is kept.
 */
export class NamedObjects<T extends { kind: string; name: string }> {
  #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  #find(kind: string, name: string): number {
    return this.#items.findIndex(o => o.name === name && o.kind === kind);
  }

  get(kind: string, name: string): T | undefined {
    const i = this.#find(kind, name);
    return i < 0 ? undefined : this.#items[i];
  }

  /** Adds the object, or replaces the one of its kind and name. */
  set(object: T): void {
    const i = this.#find(object.kind, object.name);
    if (i >= 0) this.#items[i] = object;
    else this.#items = [...this.#items, object];
  }

  delete(kind: string, name: string): void {
    const i = this.#find(kind, name);
    if (i < 0) return;
    const next = this.#items.slice();
    next.splice(i, 1);
    this.#items = next;
  }

  values(): IterableIterator<T> {
    return this.#items.values();
  }
}
