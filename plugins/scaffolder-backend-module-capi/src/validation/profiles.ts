import type { ClusterProfile } from '@capstan/plugin-capi-node';
import type { NodePoolLimits } from '@capstan/plugin-capi-common';

export function findProfile(
  profiles: ClusterProfile[],
  name: string | undefined,
  problems: string[],
): ClusterProfile | undefined {
  const profile = profiles.find(p => p.name === name);
  if (!profile) {
    problems.push(
      `unknown cluster profile "${name ?? ''}"; choose one of ${
        profiles.map(p => p.name).join(', ') || '(none configured)'
      }`,
    );
  }
  return profile;
}

/** The profile as node pool limits for the shared validation rules. */
export function nodePoolLimits(profile: ClusterProfile): NodePoolLimits {
  return {
    machineSizes: profile.machineSizes.map(s => s.name),
    sizeDescriptions: profile.machineSizes,
    maxNodePools: profile.limits.maxNodePools,
    maxReplicas: profile.limits.maxReplicas,
    autoscaler: profile.autoscaler,
  };
}
