import { InMemoryObjectStore } from '../store/InMemoryObjectStore';
import { KubeObject } from '../types';

/** Simulated seconds each step takes at time scale 1. */
export const LIFECYCLE_SECONDS = {
  clusterInfrastructure: 4,
  machineProvisioning: 6,
  nodeJoining: 4,
  machineDeletion: 2,
};

/**
 * What every reconcile step shares: the store, writes that skip unchanged
 * objects (so a steady fleet causes no watch events), and the simulated
 * time each object has spent in its current step.
 */
export class ReconcileContext {
  readonly store: InMemoryObjectStore;
  readonly #timeScale: number;
  /** When (real ms) an object entered its current step, by `uid/step`. */
  readonly #since = new Map<string, number>();

  constructor(store: InMemoryObjectStore, timeScale: number) {
    this.store = store;
    this.#timeScale = timeScale;
  }

  elapsedSeconds(uid: string, step: string): number {
    const key = `${uid}/${step}`;
    let since = this.#since.get(key);
    if (since === undefined) {
      since = Date.now();
      this.#since.set(key, since);
    }
    return ((Date.now() - since) / 1000) * this.#timeScale;
  }

  forget(uid: string) {
    for (const step of [
      'infrastructure',
      'Pending',
      'Provisioning',
      'Provisioned',
      'Deleting',
    ]) {
      this.#since.delete(`${uid}/${step}`);
    }
  }

  get(resource: string, namespace: string, name: string) {
    return this.store.get(resource, namespace, name);
  }

  /** Writes an object only when something changed, so a steady fleet causes no watch events. */
  write(resource: string, current: KubeObject, next: KubeObject): KubeObject {
    if (JSON.stringify(current) === JSON.stringify(next)) return current;
    return this.store.update(resource, next);
  }

  writeStatus(
    resource: string,
    current: KubeObject,
    status: Record<string, unknown>,
  ): KubeObject {
    return this.write(resource, current, { ...current, status });
  }
}
