import type { TrimmedControlPlane } from '../normalise/types';

const SEP = '\u0000';

/** Key of a control plane by management cluster, namespace and name. */
function key(mc: string, namespace: string, name: string) {
  return [mc, namespace, name].join(SEP);
}

/**
 * Ties control planes that name no cluster to the Cluster whose
 * `spec.controlPlaneRef` points at them, and keeps such control planes
 * while their Cluster has not been seen yet.
 */
export class ControlPlaneLinks {
  /** Control planes not (yet) tied to a cluster, by mc, namespace and name. */
  readonly #unlinked = new Map<string, TrimmedControlPlane>();
  /** Cluster.spec.controlPlaneRef (mc, namespace, name) → cluster id. */
  readonly #refs = new Map<string, string>();

  /** The id of the cluster whose controlPlaneRef names this control plane. */
  clusterOf(mc: string, namespace: string, name: string): string | undefined {
    return this.#refs.get(key(mc, namespace, name));
  }

  /** Keeps a control plane whose cluster is not known yet. */
  park(mc: string, controlPlane: TrimmedControlPlane): void {
    this.#unlinked.set(
      key(mc, controlPlane.namespace, controlPlane.name),
      controlPlane,
    );
  }

  /** Drops a kept control plane (it was deleted). */
  forget(mc: string, namespace: string, name: string): void {
    this.#unlinked.delete(key(mc, namespace, name));
  }

  /** Drops the kept control planes of `mc` that a full list no longer has. */
  forgetAllBut(mc: string, keep: ReadonlySet<string>): void {
    for (const k of [...this.#unlinked.keys()]) {
      const [m, namespace, name] = k.split(SEP);
      if (m === mc && !keep.has(`${namespace}/${name}`)) {
        this.#unlinked.delete(k);
      }
    }
  }

  /**
   * Records that cluster `id` now refers to control plane `next` (or to
   * none) instead of `previous`. Returns a kept control plane that the
   * cluster claims, which is no longer kept here.
   */
  relink(
    id: string,
    mc: string,
    namespace: string,
    previous: string | undefined,
    next: string | undefined,
  ): TrimmedControlPlane | undefined {
    if (previous) this.#refs.delete(key(mc, namespace, previous));
    if (!next) return undefined;
    const k = key(mc, namespace, next);
    this.#refs.set(k, id);
    const unlinked = this.#unlinked.get(k);
    if (unlinked) this.#unlinked.delete(k);
    return unlinked;
  }
}
