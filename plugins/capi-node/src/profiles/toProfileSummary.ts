import {
  machineSizeTitle,
  type ClusterProfileSummary,
} from '@capstan/plugin-capi-common';
import type { ClusterProfile } from './types';

/**
 * What the browser may see of a profile: names and choices, no
 * infrastructure ids (no servers, subnets, pools or variables).
 *
 * @public
 */
export function toProfileSummary(
  profile: ClusterProfile,
): ClusterProfileSummary {
  return {
    name: profile.name,
    title: profile.title,
    description: profile.description,
    managementCluster: profile.managementCluster,
    namespace: profile.namespace,
    mode: profile.mode,
    provider: profile.provider,
    clusterClass: profile.clusterClass?.name,
    clusterClassNamespace: profile.clusterClass
      ? profile.clusterClass.namespace ?? profile.namespace
      : undefined,
    exposedVariables: profile.clusterClass?.exposedVariables
      ? [...profile.clusterClass.exposedVariables]
      : undefined,
    kubernetesVersions: [...profile.kubernetesVersions],
    defaultKubernetesVersion: profile.defaultKubernetesVersion,
    // Every size gets a title, so the browser never shows a bare name.
    machineSizes: profile.machineSizes.map(s => ({
      name: s.name,
      title: machineSizeTitle(s),
      description: s.description,
    })),
    autoscaler: profile.autoscaler,
    limits: { ...profile.limits },
  };
}
