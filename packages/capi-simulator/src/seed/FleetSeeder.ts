import { RESOURCES } from '../reconciler/capiMeta';
import { InMemoryObjectStore } from '../store/InMemoryObjectStore';
import { SeedClusterPlan, SeedPlanTarget, planFleet } from './FleetPlan';
import { seedClusterLiveState } from './clusterLiveState';
import {
  seedClusterClasses,
  seedManagementNodes,
} from './managementClusterObjects';

export { EXAMPLE_OWNERS, SEED_VERSIONS } from './FleetPlan';

export interface SeedTarget extends SeedPlanTarget {
  store: InMemoryObjectStore;
}

export interface SeededCluster {
  managementCluster: string;
  namespace: string;
  name: string;
  /** Still provisioning or upgrading: the reconciler has work to do. */
  inProgress: boolean;
}

/**
 * Seeds `total` workload clusters straight into the management clusters'
 * stores (round robin), each with its control plane, MachineDeployments,
 * MachineSets and Machines in a consistent state. The same seed gives the
 * same fleet. These clusters have no folder in the GitOps repository.
 */
export function seedFleet(
  targets: SeedTarget[],
  total: number,
  seed: number,
  now = new Date(),
): SeededCluster[] {
  for (const target of targets) {
    seedClusterClasses(target);
    seedManagementNodes(target, now);
  }
  return planFleet(targets, total, seed, now).map(plan =>
    seedClusterLiveState(targetOf(targets, plan), plan, now),
  );
}

/**
 * Gives the seeded clusters that the GitOps sync created from Git their live
 * state (machines, replica counters, conditions, patch state, rollouts in
 * progress), as the controllers would have built it over time. A planned
 * cluster whose folder is gone from Git (decommissioned) is skipped, and so is
 * one that already has its control plane.
 */
export function seedLiveStateOfSyncedClusters(
  targets: SeedTarget[],
  plans: SeedClusterPlan[],
  now = new Date(),
): SeededCluster[] {
  const seeded: SeededCluster[] = [];
  const namespaces = new Map<string, Set<string>>();
  for (const plan of plans) {
    const target = targets.find(t => t.name === plan.managementCluster);
    if (!target) continue;
    const synced = target.store
      .list(RESOURCES.clusters)
      .find(c => c.metadata.name === plan.name);
    // Gone from Git, or already given its live state (the controllers own it then).
    if (!synced || synced.status?.phase) continue;
    const ns = namespaces.get(target.name) ?? new Set<string>();
    ns.add(synced.metadata.namespace!);
    namespaces.set(target.name, ns);
    seeded.push(seedClusterLiveState(target, plan, now, synced));
  }
  for (const target of targets) {
    seedClusterClasses(target, namespaces.get(target.name));
    seedManagementNodes(target, now);
  }
  return seeded;
}

function targetOf(targets: SeedTarget[], plan: SeedClusterPlan): SeedTarget {
  const target = targets.find(t => t.name === plan.managementCluster);
  if (!target) {
    throw new Error(`no management cluster "${plan.managementCluster}"`);
  }
  return target;
}

export { seedClusterClasses, seedManagementNodes };
