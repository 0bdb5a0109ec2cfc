import {
  machineCountOf,
  type ClusterDetailResponse,
  type ClusterSummary,
} from '@capstan/plugin-capi-common';

/** What decommissioning a cluster removes, in words a developer reads before typing its name. */
export interface DecommissionImpact {
  cluster: string;
  place: string;
  machines: number;
  controlPlaneMachines: number;
  nodePools: string[];
  production: boolean;
}

const PRODUCTION = /(^|[^a-z])prod(uction)?([^a-z]|$)/i;

export function decommissionImpact(
  cluster: ClusterDetailResponse | ClusterSummary,
): DecommissionImpact {
  const nodePools = cluster.nodePools.map(p => p.name);
  const poolMachines = cluster.nodePools.reduce(
    (sum, p) => sum + (p.desiredReplicas ?? p.replicas),
    0,
  );
  const controlPlaneMachines =
    cluster.controlPlane.desiredReplicas ?? cluster.controlPlane.replicas ?? 0;
  return {
    cluster: cluster.name,
    place: `${
      cluster.managementClusterTitle ?? cluster.managementCluster
    } / namespace ${cluster.namespace}`,
    machines: Math.max(
      machineCountOf(cluster),
      poolMachines + controlPlaneMachines,
    ),
    controlPlaneMachines,
    nodePools,
    production: [cluster.profile, cluster.name].some(
      v => !!v && PRODUCTION.test(v),
    ),
  };
}

/** The name a confirmation must repeat: the last part of a `mc/namespace/name` ref. */
export function clusterNameOfRef(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref) return undefined;
  return ref.split('/').pop() || undefined;
}

/** Why a typed confirmation does not match, or undefined when it does. */
export function confirmationProblem(
  typed: unknown,
  clusterRef: unknown,
): string | undefined {
  const name = clusterNameOfRef(clusterRef);
  if (!name) return 'Choose the cluster to decommission first.';
  if (typeof typed !== 'string' || typed.trim() === '') {
    return `Type the cluster name, ${name}, to confirm.`;
  }
  // Exactly, as the decommission action compares it.
  if (typed !== name) {
    return `"${typed}" is not the name of the cluster; type ${name} to confirm.`;
  }
  return undefined;
}
