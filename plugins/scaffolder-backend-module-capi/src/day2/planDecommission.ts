import type { ClusterManifests } from '../manifests/ClusterManifests';
import { ChangeImpact, emptyImpact, summarize } from './impact';
import { atMostOf, isUpperBound, machinesOf } from './poolDescriptions';

/** `capi:cluster:decommission`: every machine goes. */
export function planDecommission(manifests: ClusterManifests): ChangeImpact {
  const impact = emptyImpact();
  impact.deleted.push({
    target: 'control plane',
    machines: manifests.controlPlaneReplicas,
    reason: 'cluster deleted',
  });
  for (const pool of manifests.nodePools()) {
    impact.deleted.push({
      target: `node pool ${pool.name}`,
      machines: machinesOf(pool),
      reason: 'cluster deleted',
      ...atMostOf(isUpperBound(pool)),
    });
  }
  return summarize(impact);
}
