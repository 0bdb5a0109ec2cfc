import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MAX_CLUSTER_NAME_LENGTH,
  NodePoolInput,
  compareKubernetesVersions,
  derivedNameProblems,
  gitopsClusterPath,
  normaliseCidrBlock,
  normalizeKubernetesVersion,
  validateClusterNetwork,
  validateDnsLabel,
  validateNodePools,
} from '@capstan/plugin-capi-common';
import type { ClusterProfile } from '@capstan/plugin-capi-node';
import type { ClusterRequest, NodePoolRequest } from '../render/types';
import { throwIfProblems } from './collectProblems';
import { addonProblems, poolRuleProblems } from './poolRules';
import { findProfile, nodePoolLimits } from './profiles';

/** Inputs of `capi:cluster:render` as the template passes them. */
export interface ClusterRenderInput {
  profile: string;
  name: string;
  owner: string;
  entityRef?: string;
  description?: string;
  kubernetesVersion?: string;
  controlPlaneReplicas?: number;
  nodePools: NodePoolInput[];
  addons?: string[];
  podCidrs?: string[];
  serviceCidrs?: string[];
}

export function normalizeEntityRef(
  what: string,
  value: string | undefined,
  defaultKind: string | undefined,
  problems: string[],
): string | undefined {
  if (!value) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    problems.push(
      `${what} "${value}" is not an entity ref like group:default/team-a`,
    );
    return undefined;
  }
}

/** Node pools as rendered: autoscaling only when both bounds are set. */
export function toNodePoolRequest(pool: NodePoolInput): NodePoolRequest {
  const { min, max } = pool.autoscaling ?? {};
  const autoscaling =
    min !== undefined && max !== undefined ? { min, max } : undefined;
  return {
    name: pool.name,
    size: pool.size,
    replicas: autoscaling ? undefined : pool.replicas,
    autoscaling,
    labels: { ...(pool.labels ?? {}) },
    taints: (pool.taints ?? []).map(t => ({
      key: t.key,
      ...(t.value ? { value: t.value } : {}),
      effect: t.effect as NodePoolRequest['taints'][number]['effect'],
    })),
  };
}

/**
 * Problems of the names CAPI and the profile's provider derive from the
 * cluster and pool names (capi-common's `derivedNameProblems`).
 */
export function derivedNameProblemsFor(
  profile: ClusterProfile,
  cluster: string,
  pools: Array<{ name: string }>,
  only?: 'pools',
): string[] {
  return derivedNameProblems({
    provider: profile.provider,
    mode: profile.mode,
    cluster,
    pools,
    namespace: profile.namespace,
    vsphereEndpointHostTemplate: profile.vsphere?.controlPlaneEndpointHost,
    azureResourceGroup: profile.azure?.resourceGroup,
    only,
  });
}

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
  const problems: string[] = [];
  const nameProblems = validateDnsLabel(
    'cluster name',
    input.name,
    MAX_CLUSTER_NAME_LENGTH,
  );
  problems.push(...nameProblems);
  const owner = normalizeEntityRef('owner', input.owner, 'group', problems);
  if (!input.owner) {
    problems.push('owner is required');
  }
  const entityRef = normalizeEntityRef(
    'entityRef',
    input.entityRef,
    undefined,
    problems,
  );
  const profile = findProfile(profiles, input.profile, problems);

  const controlPlaneReplicas = input.controlPlaneReplicas ?? 3;
  if (![1, 3, 5].includes(controlPlaneReplicas)) {
    problems.push(
      `control plane replicas must be 1, 3 or 5 (an odd number keeps etcd quorum), not ${controlPlaneReplicas}`,
    );
  }
  problems.push(
    ...validateClusterNetwork({
      podCidrs: input.podCidrs,
      serviceCidrs: input.serviceCidrs,
    }),
  );
  for (const addon of input.addons ?? []) {
    problems.push(...validateDnsLabel('add-on name', addon));
  }

  let kubernetesVersion = '';
  if (profile) {
    const allowed = profile.kubernetesVersions;
    const wanted =
      input.kubernetesVersion ??
      profile.defaultKubernetesVersion ??
      [...allowed].sort(compareKubernetesVersions).at(-1);
    if (!wanted || !allowed.includes(normalizeKubernetesVersion(wanted))) {
      problems.push(
        `Kubernetes version "${wanted ?? ''}" is not allowed by profile "${
          profile.name
        }" (allowed: ${allowed.join(', ')})`,
      );
    } else {
      kubernetesVersion = normalizeKubernetesVersion(wanted);
    }
    if (input.nodePools.length === 0) {
      problems.push('at least one node pool is required');
    }
    problems.push(
      ...validateNodePools(input.nodePools, nodePoolLimits(profile)),
      ...input.nodePools.flatMap(poolRuleProblems),
      ...addonProblems(input.addons ?? [], profile.addonLabels),
    );
    if (nameProblems.length === 0) {
      problems.push(
        ...derivedNameProblemsFor(profile, input.name, input.nodePools),
      );
    }
    const path = gitopsClusterPath({
      managementCluster: profile.managementCluster,
      namespace: profile.namespace,
      name: input.name,
    });
    if (
      nameProblems.length === 0 &&
      options.existsInRepository &&
      (await options.existsInRepository(path))
    ) {
      problems.push(
        `cluster "${input.name}" already exists in ${profile.managementCluster}/${profile.namespace} in the GitOps repository`,
      );
    }
  }

  throwIfProblems('Invalid cluster request', problems);
  return {
    name: input.name,
    profile: profile!,
    owner: owner!,
    entityRef,
    description: input.description,
    kubernetesVersion,
    controlPlaneReplicas: controlPlaneReplicas as 1 | 3 | 5,
    nodePools: input.nodePools.map(toNodePoolRequest),
    addons: [...(input.addons ?? [])],
    podCidrs: (input.podCidrs ?? []).map(normaliseCidrBlock),
    serviceCidrs: (input.serviceCidrs ?? []).map(normaliseCidrBlock),
  };
}
