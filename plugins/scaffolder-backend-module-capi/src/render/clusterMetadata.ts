import {
  ADDON_LABEL_PREFIX,
  CAPI_ANNOTATIONS,
  CLUSTER_ANNOTATIONS,
  CLUSTER_LABELS,
  NODE_POOL_ANNOTATIONS,
  clusterOwnershipLabels,
  clusterSystemLabels,
  gitopsClusterPath,
} from '@capstan/plugin-capi-common';
import type { ClusterRequest, NodePoolRequest } from './types';

/** Where the cluster lives: its ref parts, from the profile. */
export function clusterRefOf(
  request: Pick<ClusterRequest, 'name' | 'profile'>,
) {
  return {
    managementCluster: request.profile.managementCluster,
    namespace: request.profile.namespace,
    name: request.name,
  };
}

/**
 * Labels of the Cluster: who owns it, which entity asked for it, the System
 * it belongs to (so the catalog's cluster entity names it), its profile,
 * the random id its catalog entity is named from, and the add-ons selected. Label values hold entity ref parts made
 * label-safe (`Team A` → `Team-A-<hash>`); the full refs go into annotations.
 */
export function clusterLabels(request: ClusterRequest): Record<string, string> {
  const labels: Record<string, string> = {
    ...request.profile.addonLabels,
    ...clusterOwnershipLabels(request.owner, request.entityRef),
    ...(request.system ? clusterSystemLabels(request.system) : {}),
    [CLUSTER_LABELS.profile]: request.profile.name,
  };
  if (request.catalogId) {
    labels[CLUSTER_LABELS.catalogId] = request.catalogId;
  }
  for (const addon of request.addons) {
    labels[`${ADDON_LABEL_PREFIX}${addon}`] = 'enabled';
  }
  return labels;
}

export function clusterAnnotations(
  request: ClusterRequest,
): Record<string, string> {
  const annotations: Record<string, string> = {
    [CLUSTER_ANNOTATIONS.ownerRef]: request.owner,
    [CLUSTER_ANNOTATIONS.gitopsPath]: gitopsClusterPath(clusterRefOf(request)),
  };
  if (request.entityRef) {
    annotations[CLUSTER_ANNOTATIONS.entityRef] = request.entityRef;
  }
  if (request.system) {
    annotations[CLUSTER_ANNOTATIONS.systemRef] = request.system;
  }
  return annotations;
}

/**
 * Annotations of a node pool: its machine size, and the autoscaler bounds
 * CAPI's cluster autoscaler provider reads.
 */
export function nodePoolAnnotations(
  pool: NodePoolRequest,
): Record<string, string> {
  const annotations: Record<string, string> = {
    [NODE_POOL_ANNOTATIONS.machineSize]: pool.size,
  };
  if (pool.autoscaling) {
    annotations[CAPI_ANNOTATIONS.autoscalerMin] = String(pool.autoscaling.min);
    annotations[CAPI_ANNOTATIONS.autoscalerMax] = String(pool.autoscaling.max);
  }
  return annotations;
}

/** Pod/service networks, only when asked for (the class or provider defaults otherwise). */
export function clusterNetwork(request: ClusterRequest) {
  if (request.podCidrs.length === 0 && request.serviceCidrs.length === 0) {
    return undefined;
  }
  return {
    ...(request.podCidrs.length > 0
      ? { pods: { cidrBlocks: [...request.podCidrs] } }
      : {}),
    ...(request.serviceCidrs.length > 0
      ? { services: { cidrBlocks: [...request.serviceCidrs] } }
      : {}),
  };
}

/** Drops undefined fields so YAML output holds only what was set. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
