import {
  checkUpgrade,
  compareKubernetesVersions,
  normalizeKubernetesVersion,
} from '@capstan/plugin-capi-common';
import type { ClusterProfile } from '@capstan/plugin-capi-node';
import type { ClusterManifests } from '../manifests/ClusterManifests';
import { throwIfProblems } from '../validation/collectProblems';
import { ChangeImpact, emptyImpact, summarize } from './impact';
import { planClassicUpgrade } from './planClassicUpgrade';
import { atMostOf, isUpperBound, machinesOf } from './poolDescriptions';

/** `capi:cluster:upgrade`: no downgrade, no skipped minor, only the profile's versions. */
export function planUpgrade(
  manifests: ClusterManifests,
  profile: ClusterProfile,
  input: { kubernetesVersion: string },
): ChangeImpact {
  const current = manifests.kubernetesVersion;
  const target = normalizeKubernetesVersion(input.kubernetesVersion);
  if (!manifests.isTopology) {
    return planClassicUpgrade(manifests, profile, current, target);
  }
  const impact = emptyImpact();
  if (current && compareKubernetesVersions(current, target) === 0) {
    return {
      ...impact,
      summary: `The cluster is already on ${target}; nothing changes.`,
    };
  }
  const problem = checkUpgrade(current, target, profile.kubernetesVersions);
  throwIfProblems(
    `Cannot upgrade cluster "${manifests.name}"`,
    problem ? [problem] : [],
  );

  const reason = `Kubernetes ${current} → ${target}`;
  impact.replaced.push({
    target: 'control plane',
    machines: manifests.controlPlaneReplicas,
    reason,
  });
  for (const pool of manifests.nodePools()) {
    impact.replaced.push({
      target: `node pool ${pool.name}`,
      machines: machinesOf(pool),
      reason,
      ...atMostOf(isUpperBound(pool)),
    });
  }
  manifests.setTopologyVersion(target);
  return summarize(impact);
}
