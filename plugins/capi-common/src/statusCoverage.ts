import { findCondition } from './conditions';
import type { ClusterCondition } from './types';

/**
 * The replica facts of a control plane or node pool that tell a rollout or
 * scale from a loss of availability (see `ReplicaSetStatusInput`).
 */
export interface ReplicaCoverageInput {
  conditions: readonly ClusterCondition[];
  replicas: number;
  desiredReplicas?: number;
  availableReplicas: number;
  machinesStarting?: number;
  machinesAvailable?: number;
  machinesLeaving?: number;
  machinesLost?: number;
}

/**
 * The replicas wanted: `spec.replicas`, else the status count.
 */
export function desiredOf(input: ReplicaCoverageInput): number {
  return input.desiredReplicas ?? input.replicas;
}

/** Available machines: the object's counter, or its machines when they are ahead of it. */
export function availableNow(input: ReplicaCoverageInput): number {
  return Math.max(input.availableReplicas, input.machinesAvailable ?? 0);
}

/** Machines still coming up account for every replica not available yet. */
export function machinesComingUp(input: ReplicaCoverageInput): boolean {
  const starting = input.machinesStarting ?? 0;
  return starting > 0 && availableNow(input) + starting >= desiredOf(input);
}

/** Every replica's machine says it is available; the object's status does not yet. */
export function rollUpBehind(input: ReplicaCoverageInput): boolean {
  const desired = desiredOf(input);
  const machines = input.machinesAvailable ?? 0;
  return (
    desired > 0 &&
    machines >= desired &&
    (input.availableReplicas < desired ||
      findCondition(input.conditions, 'Available')?.status === 'False')
  );
}

/**
 * Old machines leave while the available ones still cover the wanted
 * replicas: the end of a rollout (the replaced machine being deleted after
 * its successor became available) or a scale-down. CAPI counts the leaving
 * machine's etcd member and control plane pods against
 * `EtcdClusterHealthy`/`ControlPlaneComponentsHealthy` until it is gone;
 * that is the replacement, not a loss. A machine that was available and is
 * not leaving (its node lost) rules this out.
 */
export function replacementCovered(input: ReplicaCoverageInput): boolean {
  const desired = desiredOf(input);
  const leaving = (input.machinesLeaving ?? 0) > 0 || input.replicas > desired;
  return (
    desired > 0 &&
    leaving &&
    (input.machinesLost ?? 0) === 0 &&
    availableNow(input) >= desired
  );
}

/**
 * Availability actually lost: a machine that was available is no longer
 * (not leaving, not coming up), and the available machines and those still
 * coming up do not make up for it. No rollout or scale excuses that.
 */
export function availabilityLost(input: ReplicaCoverageInput): boolean {
  return (
    (input.machinesLost ?? 0) > 0 &&
    availableNow(input) + (input.machinesStarting ?? 0) < desiredOf(input)
  );
}
