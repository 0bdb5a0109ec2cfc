import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  NodePoolInput,
  derivedNameProblems,
} from '@capstan/plugin-capi-common';
import type { ClusterProfile } from '@capstan/plugin-capi-node';
import type { NodePoolRequest } from '../render/types';

/** Inputs of `capi:cluster:render` as the template passes them. */
export interface ClusterRenderInput {
  profile: string;
  name: string;
  owner: string;
  entityRef?: string;
  /** The System of the entity the cluster is for, when it has one. */
  system?: string;
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
