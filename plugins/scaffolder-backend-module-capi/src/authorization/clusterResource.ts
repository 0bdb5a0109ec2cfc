import {
  CLUSTER_ANNOTATIONS,
  stringifyClusterRef,
  type ClusterRef,
} from '@capstan/plugin-capi-common';
import type { CapiClusterResource } from '@capstan/plugin-capi-node';

/** The metadata of a Cluster object, as Git or a render holds it. */
export interface ClusterMetadata {
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

function strings(map: Record<string, unknown> | undefined) {
  return Object.fromEntries(
    Object.entries(map ?? {}).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

/**
 * A cluster as the permission rules see it, from its Cluster object: the
 * owner and entity recorded in its annotations, and its labels.
 */
export function clusterResourceOf(
  ref: ClusterRef,
  metadata: ClusterMetadata,
): CapiClusterResource {
  const annotations = strings(metadata.annotations);
  return {
    ref: stringifyClusterRef(ref),
    managementCluster: ref.managementCluster,
    namespace: ref.namespace,
    name: ref.name,
    owner: annotations[CLUSTER_ANNOTATIONS.ownerRef],
    entityRef: annotations[CLUSTER_ANNOTATIONS.entityRef],
    labels: strings(metadata.labels),
  };
}
