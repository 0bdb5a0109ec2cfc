import type {
  ClusterSummary,
  DriftField,
  ManifestClusterFields,
} from '@capstan/plugin-capi-common';

const version = (v?: string) => (v ? v.replace(/^v?/, 'v') : undefined);
const count = (n?: number) => (n === undefined ? undefined : String(n));
const bounds = (b?: { min: number; max: number }) =>
  b ? `${b.min}–${b.max}` : undefined;

/**
 * The fields Capstan manages that differ between a cluster's manifests in
 * Git and its live objects: Kubernetes version, control plane replicas,
 * ClusterClass, pools present, replicas (unless autoscaled) and autoscaling
 * bounds. A field Git does not set is not compared.
 */
export function compareClusterFields(
  git: ManifestClusterFields,
  live: Pick<
    ClusterSummary,
    'desiredVersion' | 'clusterClass' | 'controlPlane' | 'nodePools'
  >,
): DriftField[] {
  const fields: DriftField[] = [];
  const differ = (field: string, gitValue?: string, liveValue?: string) => {
    if (gitValue !== liveValue) {
      const entry: DriftField = { field };
      if (gitValue !== undefined) entry.git = gitValue;
      if (liveValue !== undefined) entry.live = liveValue;
      fields.push(entry);
    }
  };
  if (git.kubernetesVersion) {
    differ(
      'kubernetesVersion',
      version(git.kubernetesVersion),
      version(live.desiredVersion),
    );
  }
  if (git.controlPlaneReplicas !== undefined) {
    differ(
      'controlPlaneReplicas',
      count(git.controlPlaneReplicas),
      count(live.controlPlane.desiredReplicas),
    );
  }
  if (git.topology && git.clusterClass) {
    differ('clusterClass', git.clusterClass, live.clusterClass);
  }
  const livePools = new Map(live.nodePools.map(p => [p.name, p]));
  const gitPools = new Set(git.nodePools.map(p => p.name));
  for (const pool of git.nodePools) {
    const livePool = livePools.get(pool.name);
    if (!livePool) {
      differ(`pools.${pool.name}`, 'present', undefined);
      continue;
    }
    if (pool.autoscaling || livePool.autoscaling) {
      differ(
        `pools.${pool.name}.autoscaling`,
        bounds(pool.autoscaling),
        bounds(livePool.autoscaling),
      );
    }
    // The autoscaler owns the count of an autoscaled pool.
    if (!pool.autoscaling && pool.replicas !== undefined) {
      differ(
        `pools.${pool.name}.replicas`,
        count(pool.replicas),
        count(livePool.desiredReplicas),
      );
    }
  }
  for (const pool of live.nodePools) {
    if (!gitPools.has(pool.name)) {
      differ(`pools.${pool.name}`, undefined, 'present');
    }
  }
  return fields;
}
