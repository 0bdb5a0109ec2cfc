import type { ClusterProfile } from '@capstan/plugin-capi-node';
import { normaliseCidrBlock } from '@capstan/plugin-capi-common';
import type { ClusterRequest } from '../render/types';
import { clusterRequestProblems } from './clusterRequestProblems';
import { throwIfProblems } from './collectProblems';
import { toNodePoolRequest, type ClusterRenderInput } from './requestParts';

export {
  derivedNameProblemsFor,
  normalizeEntityRef,
  toNodePoolRequest,
  type ClusterRenderInput,
} from './requestParts';

/**
 * Checks every input of a new cluster against the profile and the shared
 * rules, and reports all problems at once in one InputError.
 */
export async function validateClusterRequest(
  input: ClusterRenderInput,
  profiles: ClusterProfile[],
  options: {
    /**
     * Whether a cluster folder (`clusters/<mc>/<ns>/<name>`) exists in the
     * GitOps repository. Without it only the inputs are checked; the
     * render action checks existence after authorising (see `assertClusterIsNew`).
     */
    existsInRepository?: (path: string) => Promise<boolean>;
  } = {},
): Promise<ClusterRequest> {
  const check = await clusterRequestProblems(input, profiles, options);
  throwIfProblems(
    'Invalid cluster request',
    check.problems.map(p => p.message),
  );
  const { profile, owner, entityRef, system, kubernetesVersion } = check;
  const controlPlaneReplicas = check.controlPlaneReplicas;

  return {
    name: input.name,
    profile: profile!,
    owner: owner!,
    entityRef,
    ...(system ? { system } : {}),
    description: input.description,
    kubernetesVersion,
    controlPlaneReplicas: controlPlaneReplicas as 1 | 3 | 5,
    nodePools: input.nodePools.map(toNodePoolRequest),
    addons: [...(input.addons ?? [])],
    podCidrs: (input.podCidrs ?? []).map(normaliseCidrBlock),
    serviceCidrs: (input.serviceCidrs ?? []).map(normaliseCidrBlock),
  };
}
