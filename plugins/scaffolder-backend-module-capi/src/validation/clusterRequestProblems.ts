import {
  MAX_CLUSTER_NAME_LENGTH,
  compareKubernetesVersions,
  gitopsClusterPath,
  normalizeKubernetesVersion,
  validateClusterNetwork,
  validateDnsLabel,
  validateNodePools,
} from '@capstan/plugin-capi-common';
import type { ClusterProfile } from '@capstan/plugin-capi-node';
import { addonProblems, poolRuleProblems } from './poolRules';
import { findProfile, nodePoolLimits } from './profiles';
import {
  derivedNameProblemsFor,
  normalizeEntityRef,
  type ClusterRenderInput,
} from './requestParts';

/** The new-cluster template's fields a problem can be marked on. */
export type ClusterRequestField =
  | 'name'
  | 'profile'
  | 'owner'
  | 'entityRef'
  | 'kubernetesVersion'
  | 'controlPlaneReplicas'
  | 'nodePools'
  | 'podCidrs'
  | 'serviceCidrs'
  | 'addons';

/** One problem with a new-cluster request, on the field that causes it. */
export interface FieldProblem {
  field: ClusterRequestField;
  message: string;
}

/** What `clusterRequestProblems` found, and what it normalised on the way. */
export interface ClusterRequestCheck {
  problems: FieldProblem[];
  profile?: ClusterProfile;
  owner?: string;
  entityRef?: string;
  system?: string;
  kubernetesVersion: string;
  controlPlaneReplicas: number;
}

function tagged(field: ClusterRequestField, messages: string[]) {
  return messages.map(message => ({ field, message }));
}

/**
 * Problems of the pod and service networks, each on its own field; a block
 * of one list overlapping a block of the other is marked on the service
 * networks (the message names both).
 */
function networkProblems(input: ClusterRenderInput): FieldProblem[] {
  const pod = validateClusterNetwork({ podCidrs: input.podCidrs });
  const service = validateClusterNetwork({ serviceCidrs: input.serviceCidrs });
  const both = validateClusterNetwork({
    podCidrs: input.podCidrs,
    serviceCidrs: input.serviceCidrs,
  });
  const across = both.filter(p => !pod.includes(p) && !service.includes(p));
  return [
    ...tagged('podCidrs', pod),
    ...tagged('serviceCidrs', [...service, ...across]),
  ];
}

/**
 * The System the cluster belongs to: the entity it is for when that is a
 * System, else that entity's own system (the template looks it up).
 */
function systemOf(
  entityRef: string | undefined,
  system: string | undefined,
  problems: string[],
): string | undefined {
  if (entityRef?.startsWith('system:')) return entityRef;
  const ref = normalizeEntityRef('system', system, 'system', problems);
  if (ref && !ref.startsWith('system:')) {
    problems.push(`system "${system}" is not a System entity ref`);
    return undefined;
  }
  return ref;
}

/**
 * Every problem of a new-cluster request, each tagged with the template
 * field it belongs to: the one set of rules behind both the render action
 * (`validateClusterRequest`) and the form's field validation (the
 * `/capi/validate` route), so the form and the action cannot disagree.
 */
export async function clusterRequestProblems(
  input: ClusterRenderInput,
  profiles: ClusterProfile[],
  options: {
    existsInRepository?: (path: string) => Promise<boolean>;
  } = {},
): Promise<ClusterRequestCheck> {
  const problems: FieldProblem[] = [];
  const nameProblems = validateDnsLabel(
    'cluster name',
    input.name,
    MAX_CLUSTER_NAME_LENGTH,
  );
  problems.push(...tagged('name', nameProblems));

  const ownerProblems: string[] = [];
  const owner = normalizeEntityRef(
    'owner',
    input.owner,
    'group',
    ownerProblems,
  );
  if (!input.owner) ownerProblems.push('owner is required');
  problems.push(...tagged('owner', ownerProblems));

  const entityProblems: string[] = [];
  const entityRef = normalizeEntityRef(
    'entityRef',
    input.entityRef,
    undefined,
    entityProblems,
  );
  const system = systemOf(entityRef, input.system, entityProblems);
  problems.push(...tagged('entityRef', entityProblems));

  const profileProblems: string[] = [];
  const profile = findProfile(profiles, input.profile, profileProblems);
  problems.push(...tagged('profile', profileProblems));

  const controlPlaneReplicas = input.controlPlaneReplicas ?? 3;
  if (![1, 3, 5].includes(controlPlaneReplicas)) {
    problems.push({
      field: 'controlPlaneReplicas',
      message: `control plane replicas must be 1, 3 or 5 (an odd number keeps etcd quorum), not ${controlPlaneReplicas}`,
    });
  }
  problems.push(...networkProblems(input));
  for (const addon of input.addons ?? []) {
    problems.push(...tagged('addons', validateDnsLabel('add-on name', addon)));
  }

  let kubernetesVersion = '';
  if (profile) {
    const allowed = profile.kubernetesVersions;
    const wanted =
      input.kubernetesVersion ??
      profile.defaultKubernetesVersion ??
      [...allowed].sort(compareKubernetesVersions).at(-1);
    if (!wanted || !allowed.includes(normalizeKubernetesVersion(wanted))) {
      problems.push({
        field: 'kubernetesVersion',
        message: `Kubernetes version "${
          wanted ?? ''
        }" is not allowed by profile "${profile.name}" (allowed: ${allowed.join(
          ', ',
        )})`,
      });
    } else {
      kubernetesVersion = normalizeKubernetesVersion(wanted);
    }
    if (input.nodePools.length === 0) {
      problems.push({
        field: 'nodePools',
        message: 'at least one node pool is required',
      });
    }
    problems.push(
      ...tagged('nodePools', [
        ...validateNodePools(input.nodePools, nodePoolLimits(profile)),
        ...input.nodePools.flatMap(poolRuleProblems),
      ]),
      ...tagged(
        'addons',
        addonProblems(input.addons ?? [], profile.addonLabels),
      ),
    );
    if (nameProblems.length === 0) {
      const ofName = derivedNameProblemsFor(profile, input.name, []);
      const all = derivedNameProblemsFor(profile, input.name, input.nodePools);
      problems.push(
        ...tagged('name', ofName),
        ...tagged(
          'nodePools',
          all.filter(p => !ofName.includes(p)),
        ),
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
      problems.push({
        field: 'name',
        message: `cluster "${input.name}" already exists in ${profile.managementCluster}/${profile.namespace} in the GitOps repository`,
      });
    }
  }
  return {
    problems,
    profile,
    owner,
    entityRef,
    system,
    kubernetesVersion,
    controlPlaneReplicas,
  };
}
