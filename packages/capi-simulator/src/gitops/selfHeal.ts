import type { KubeObject } from '../types';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether every field of `desired` has the same value in `live` (extra live fields are fine). */
export function coveredBy(desired: unknown, live: unknown): boolean {
  if (isObj(desired)) {
    if (!isObj(live)) return false;
    return Object.entries(desired).every(([key, value]) =>
      coveredBy(value, live[key]),
    );
  }
  return JSON.stringify(desired) === JSON.stringify(live);
}

/**
 * Whether a live object differs from its manifest in Git in a field the
 * manifest sets (status and the sync's own annotations aside): what Argo CD's
 * self-heal reverts.
 */
export function divergesFromGit(
  desired: KubeObject,
  live: KubeObject,
): boolean {
  const { status: _status, metadata, ...rest } = desired;
  return (
    !coveredBy(rest, { ...live, metadata: undefined }) ||
    !coveredBy(metadata?.labels ?? {}, live.metadata.labels ?? {}) ||
    !coveredBy(metadata?.annotations ?? {}, live.metadata.annotations ?? {})
  );
}

/**
 * Remembers since when each object diverges from Git, so that a hand change
 * is reverted only after a delay (like Argo CD's self-heal timeout) and
 * tools can see the drift meanwhile.
 */
export class DivergenceClock {
  readonly #since = new Map<string, number>();

  /** Records the object's state now; true when it has diverged for at least `afterMs`. */
  due(id: string, diverges: boolean, now: number, afterMs: number): boolean {
    if (!diverges) {
      this.#since.delete(id);
      return false;
    }
    const since = this.#since.get(id) ?? now;
    this.#since.set(id, since);
    return now - since >= afterMs;
  }

  forget(id: string): void {
    this.#since.delete(id);
  }
}
