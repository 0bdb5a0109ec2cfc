import type { ExistingNodePool } from '../manifests/ClusterManifests';

/** Machines of a pool: its replicas, or the autoscaler's upper bound. */
export function machinesOf(pool: ExistingNodePool): number {
  return pool.replicas ?? pool.autoscaling?.max ?? 1;
}

/** Says when a count is the autoscaler's upper bound rather than a known number. */
export function countNote(pool: ExistingNodePool): string {
  return pool.replicas === undefined && pool.autoscaling
    ? ' (autoscaled: at most)'
    : '';
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
