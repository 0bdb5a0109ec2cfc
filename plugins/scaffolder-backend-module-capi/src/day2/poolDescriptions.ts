import type { ExistingNodePool } from '../manifests/ClusterManifests';

/** Machines of a pool: its replicas, or the autoscaler's upper bound. */
export function machinesOf(pool: ExistingNodePool): number {
  return pool.replicas ?? pool.autoscaling?.max ?? 1;
}

/** Whether {@link machinesOf} is the autoscaler's upper bound rather than a known number. */
export function isUpperBound(pool: ExistingNodePool): boolean {
  return pool.replicas === undefined && !!pool.autoscaling;
}

/** `{ atMost: true }` for an impact entry whose count is an upper bound, else nothing. */
export function atMostOf(upperBound: boolean): { atMost?: true } {
  return upperBound ? { atMost: true } : {};
}

/** How a pool scales, as a change summary shows it. */
export function describeScaling(pool: {
  replicas?: number;
  autoscaling?: { min: number; max: number };
}) {
  return pool.autoscaling
    ? `autoscaled ${pool.autoscaling.min}–${pool.autoscaling.max}`
    : `${pool.replicas ?? '?'} replicas`;
}
