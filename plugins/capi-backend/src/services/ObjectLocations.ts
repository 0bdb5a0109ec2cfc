/**
 * Which cluster each object of one kind in one management cluster belongs
 * to, by namespace and name. Nested maps keyed by the object's own name
 * string keep no extra key string per object.
 */
export class ObjectLocations {
  readonly #byNamespace = new Map<string, Map<string, string>>();

  get(namespace: string, name: string): string | undefined {
    return this.#byNamespace.get(namespace)?.get(name);
  }

  set(namespace: string, name: string, clusterId: string): void {
    let names = this.#byNamespace.get(namespace);
    if (!names) this.#byNamespace.set(namespace, (names = new Map()));
    names.set(name, clusterId);
  }

  delete(namespace: string, name: string): void {
    const names = this.#byNamespace.get(namespace);
    names?.delete(name);
    if (names?.size === 0) this.#byNamespace.delete(namespace);
  }

  /** [namespace, name] of every object, as a copy safe to delete from. */
  list(): Array<[string, string]> {
    const result: Array<[string, string]> = [];
    for (const [namespace, names] of this.#byNamespace) {
      for (const name of names.keys()) result.push([namespace, name]);
    }
    return result;
  }
}
