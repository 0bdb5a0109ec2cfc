import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CLUSTER_LABELS,
  CLUSTER_RESOURCE_TYPE,
  ENTITY_ANNOTATIONS,
  gitopsClusterPath,
  stringifyClusterRef,
} from '@capstan/plugin-capi-common';
import {
  clusterEntityName,
  newClusterCatalogId,
} from '@capstan/plugin-capi-node';
import { stringify } from 'yaml';
import { clusterRefOf } from './clusterMetadata';
import { renderClassicCluster } from './renderClassicCluster';
import { renderTopologyCluster } from './renderTopologyCluster';
import { serializeManifests, YAML_OPTIONS } from './serializeManifests';
import type { ClusterRequest, KubernetesObject } from './types';

/** File names inside a cluster folder. */
export const CLUSTER_FILES = {
  manifests: 'cluster.yaml',
  kustomization: 'kustomization.yaml',
  catalogInfo: 'catalog-info.yaml',
} as const;

/** A rendered cluster folder: its repository path and file contents by name. */
export interface RenderedClusterFolder {
  /** `clusters/<mc>/<namespace>/<cluster>` */
  path: string;
  clusterRef: string;
  /** Ref of the cluster's `Resource` entity. */
  entityRef: string;
  objects: KubernetesObject[];
  files: Record<string, string>;
}

export function renderClusterObjects(
  request: ClusterRequest,
): KubernetesObject[] {
  return request.profile.mode === 'clusterclass'
    ? renderTopologyCluster(request)
    : renderClassicCluster(request);
}

/**
 * The name of the cluster's `Resource` entity: from its catalog id, the
 * same name the capi backend gives the cluster (capi-node's
 * `clusterEntityName`), so the catalog-info.yaml and the catalog module's
 * entity are one entity.
 */
export function catalogEntityNameOf(request: ClusterRequest): string {
  const ref = clusterRefOf(request);
  const name = request.catalogId
    ? clusterEntityName({
        ...ref,
        labels: { [CLUSTER_LABELS.catalogId]: request.catalogId },
      })
    : undefined;
  if (!name) {
    throw new InputError(
      `Cluster ${stringifyClusterRef(ref)} has no valid catalog id`,
    );
  }
  return name;
}

/** The cluster's `Resource` entity, linked to its owner and the requesting entity. */
export function renderCatalogInfo(request: ClusterRequest) {
  const ref = clusterRefOf(request);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: catalogEntityNameOf(request),
      title: request.name,
      ...(request.description ? { description: request.description } : {}),
      annotations: {
        [ENTITY_ANNOTATIONS.clusterRef]: stringifyClusterRef(ref),
      },
    },
    spec: {
      type: CLUSTER_RESOURCE_TYPE,
      owner: request.owner,
      ...(request.system ? { system: request.system } : {}),
      ...(request.entityRef ? { dependencyOf: [request.entityRef] } : {}),
    },
  };
}

export function renderClusterFolder(
  clusterRequest: ClusterRequest,
): RenderedClusterFolder {
  const request = clusterRequest.catalogId
    ? clusterRequest
    : { ...clusterRequest, catalogId: newClusterCatalogId() };
  const ref = clusterRefOf(request);
  const objects = renderClusterObjects(request);
  const header = ` Cluster ${stringifyClusterRef(
    ref,
  )}, rendered by Capstan from profile ${
    request.profile.name
  }.\n Day-2 changes go through the Capstan templates; comments and unknown fields are kept.`;
  return {
    path: gitopsClusterPath(ref),
    clusterRef: stringifyClusterRef(ref),
    entityRef: stringifyEntityRef({
      kind: 'resource',
      namespace: 'default',
      name: catalogEntityNameOf(request),
    }),
    objects,
    files: {
      [CLUSTER_FILES.manifests]: serializeManifests(objects, header),
      [CLUSTER_FILES.kustomization]: stringify(
        {
          apiVersion: 'kustomize.config.k8s.io/v1beta1',
          kind: 'Kustomization',
          resources: [CLUSTER_FILES.manifests],
        },
        YAML_OPTIONS,
      ),
      [CLUSTER_FILES.catalogInfo]: stringify(
        renderCatalogInfo(request),
        YAML_OPTIONS,
      ),
    },
  };
}
