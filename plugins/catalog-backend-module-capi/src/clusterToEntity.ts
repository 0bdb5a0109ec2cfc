import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_VIEW_URL,
  DEFAULT_NAMESPACE,
  EntityLink,
  KubernetesValidatorFunctions,
  ResourceEntityV1alpha1,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER,
  ANNOTATION_KUBERNETES_SKIP_METRICS_LOOKUP,
  ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY,
} from '@backstage/plugin-kubernetes-common';
import { InputError } from '@backstage/errors';
import {
  apiServerUrlFromEndpoint,
  CAPSTAN_PREFIX,
  CLUSTER_LABELS,
  CLUSTER_RESOURCE_TYPE,
  ClusterWithoutMachines,
  ENTITY_ANNOTATIONS,
  stringifyClusterRef,
  systemRefFromCluster,
} from '@capstan/plugin-capi-common';
import { normalizeEntityRef } from './normalizeEntityRef';
import type {
  CapiProviderConfig,
  KubernetesAccessSettings,
} from './providerConfig';

/**
 * Labels this module puts on cluster entities, for catalog filters.
 *
 * @public
 */
export const CLUSTER_ENTITY_LABELS = {
  managementCluster: `${CAPSTAN_PREFIX}management-cluster`,
  provider: `${CAPSTAN_PREFIX}provider`,
  profile: `${CAPSTAN_PREFIX}profile`,
} as const;

/**
 * What the mapping needs from the provider config.
 *
 * @public
 */
export type ClusterEntityOptions = Pick<
  CapiProviderConfig,
  'defaultOwner' | 'system' | 'kubernetes' | 'managementClusterUrlTemplate'
> & {
  /** Told about cluster data that was dropped or replaced. */
  onWarning?: (message: string) => void;
};

/**
 * The location key of entities this module emits. Catalog entries with
 * another location key (a registered catalog-info.yaml) keep the ref when
 * they claimed it first.
 *
 * @public
 */
export const CAPI_LOCATION_KEY = 'capi-provider:CapiClusterEntityProvider';

/**
 * Full ref of the `Resource` entity that stands for a cluster, from the
 * entity name the capi backend gives (`ClusterSummary.entityName`; it is
 * not computable from the cluster's ref). Undefined for a cluster without one.
 *
 * @public
 */
export function clusterEntityRef(cluster: {
  entityName?: string;
}): string | undefined {
  if (!cluster.entityName) return undefined;
  return stringifyEntityRef({
    kind: 'Resource',
    namespace: DEFAULT_NAMESPACE,
    name: cluster.entityName,
  });
}

/**
 * Maps one cluster of the read model to its catalog `Resource` entity.
 *
 * Only fields that change with the cluster's definition go into the entity
 * (not status, versions or staleness), so routine status changes don't
 * reprocess catalog entities; live state stays with the capi backend.
 *
 * @public
 */
export function clusterToEntity(
  cluster: ClusterWithoutMachines,
  options: ClusterEntityOptions,
): ResourceEntityV1alpha1 {
  const warn = options.onWarning ?? (() => {});
  const id = stringifyClusterRef(cluster);
  if (!cluster.entityName) {
    throw new InputError(
      `Cluster ${id} has no entity name (neither a ${CLUSTER_LABELS.catalogId} label nor a uid)`,
    );
  }
  const location = cluster.gitopsUrl
    ? `url:${cluster.gitopsUrl}`
    : `capi:${id}`;

  const annotations: Record<string, string> = {
    [ENTITY_ANNOTATIONS.clusterRef]: id,
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
  };
  if (cluster.gitopsUrl) {
    annotations[ANNOTATION_VIEW_URL] = cluster.gitopsUrl;
  }
  Object.assign(annotations, kubernetesAnnotations(cluster, options, warn));

  const spec: ResourceEntityV1alpha1['spec'] = {
    type: CLUSTER_RESOURCE_TYPE,
    owner: ownerOf(cluster, options.defaultOwner, warn),
  };
  const system = systemOf(cluster, options.system, warn);
  if (system) {
    spec.system = system;
  }
  const dependencyOf = validEntityRefs(cluster, warn);
  if (dependencyOf.length > 0) {
    spec.dependencyOf = dependencyOf;
  }

  const entity: ResourceEntityV1alpha1 = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      // Says nothing of the cluster: relations of groups and components
      // carry it to everyone. The cluster's name is the title.
      name: cluster.entityName,
      namespace: DEFAULT_NAMESPACE,
      title: cluster.name,
      description: describe(cluster),
      annotations,
    },
    spec,
  };
  const labels = safeLabels(cluster);
  if (Object.keys(labels).length > 0) {
    entity.metadata.labels = labels;
  }
  const links = linksOf(cluster, options.managementClusterUrlTemplate);
  if (links.length > 0) {
    entity.metadata.links = links;
  }
  return entity;
}

function describe(cluster: ClusterWithoutMachines): string {
  const managementCluster =
    cluster.managementClusterTitle ?? cluster.managementCluster;
  const details = [
    cluster.provider && `provider ${cluster.provider}`,
    cluster.clusterClass && `ClusterClass ${cluster.clusterClass}`,
    cluster.profile && `profile ${cluster.profile}`,
  ].filter(Boolean);
  const suffix = details.length > 0 ? ` (${details.join(', ')})` : '';
  return `Kubernetes cluster ${cluster.name} in namespace ${cluster.namespace} of management cluster ${managementCluster}${suffix}.`;
}

function ownerOf(
  cluster: ClusterWithoutMachines,
  defaultOwner: string,
  warn: (message: string) => void,
): string {
  if (!cluster.owner) {
    return defaultOwner;
  }
  const owner = normalizeEntityRef(cluster.owner, 'group');
  if (owner) {
    return owner;
  }
  warn(
    `Cluster ${cluster.id} has an invalid owner "${cluster.owner}", using ${defaultOwner}`,
  );
  return defaultOwner;
}

/**
 * The System of the cluster: the one the scaffolder recorded on the Cluster
 * (the system of the entity it was made for), else the System it was made
 * for, else the provider's configured system.
 */
function systemOf(
  cluster: ClusterWithoutMachines,
  configured: string | undefined,
  warn: (message: string) => void,
): string | undefined {
  const recorded = systemRefFromCluster({ labels: cluster.labels ?? {} });
  if (recorded) {
    const system = normalizeEntityRef(recorded, 'system');
    if (system?.startsWith('system:')) return system;
    warn(`Cluster ${cluster.id} has an invalid system "${recorded}", ignored`);
  }
  const forSystem = (cluster.entityRefs ?? [])
    .map(ref => normalizeEntityRef(ref))
    .find(ref => ref?.startsWith('system:'));
  return forSystem ?? configured;
}

function validEntityRefs(
  cluster: ClusterWithoutMachines,
  warn: (message: string) => void,
): string[] {
  const refs = new Set<string>();
  for (const ref of cluster.entityRefs ?? []) {
    // No default kind: the scaffolder writes full refs, and guessing a
    // kind would link the cluster to the wrong entity.
    const normalized = normalizeEntityRef(ref);
    if (normalized) {
      refs.add(normalized);
    } else {
      warn(`Cluster ${cluster.id} has an invalid entity ref "${ref}", ignored`);
    }
  }
  return [...refs].sort();
}

function safeLabels(cluster: ClusterWithoutMachines): Record<string, string> {
  const candidates: Record<string, string | undefined> = {
    [CLUSTER_ENTITY_LABELS.managementCluster]: cluster.managementCluster,
    [CLUSTER_ENTITY_LABELS.provider]: cluster.provider,
    [CLUSTER_ENTITY_LABELS.profile]:
      cluster.profile ?? cluster.labels?.[CLUSTER_LABELS.profile],
  };
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(candidates)) {
    if (value && KubernetesValidatorFunctions.isValidLabelValue(value)) {
      labels[key] = value;
    }
  }
  return labels;
}

function linksOf(
  cluster: ClusterWithoutMachines,
  managementClusterUrlTemplate: string | undefined,
): EntityLink[] {
  const links: EntityLink[] = [];
  if (cluster.gitopsUrl) {
    links.push({
      url: cluster.gitopsUrl,
      title: `GitOps definition (${cluster.gitopsPath})`,
      icon: 'code',
      type: 'gitops',
    });
  }
  if (managementClusterUrlTemplate) {
    links.push({
      url: managementClusterUrlTemplate.replace(
        '{managementCluster}',
        encodeURIComponent(cluster.managementCluster),
      ),
      title: `Management cluster ${
        cluster.managementClusterTitle ?? cluster.managementCluster
      }`,
      icon: 'dashboard',
      type: 'management-cluster',
    });
  }
  return links;
}

/**
 * The annotations the Kubernetes plugin's catalog cluster locator reads. It
 * only picks up entities carrying API server, CA and auth provider, so all
 * of them are written or none (no endpoint yet, or no access configured).
 */
function kubernetesAnnotations(
  cluster: ClusterWithoutMachines,
  options: ClusterEntityOptions,
  warn: (message: string) => void,
): Record<string, string> {
  const access: KubernetesAccessSettings | undefined =
    options.kubernetes.managementClusters[cluster.managementCluster] ??
    options.kubernetes.default;
  if (!access || !cluster.controlPlaneEndpoint) {
    return {};
  }
  const apiServer = apiServerUrlFromEndpoint(cluster.controlPlaneEndpoint);
  if (!apiServer) {
    warn(
      `Cluster ${cluster.id} has an unusable control plane endpoint "${cluster.controlPlaneEndpoint}", not exposed to the Kubernetes plugin`,
    );
    return {};
  }
  const annotations: Record<string, string> = {
    [ANNOTATION_KUBERNETES_API_SERVER]: apiServer,
    [ANNOTATION_KUBERNETES_API_SERVER_CA]: access.caData,
    [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: access.authProvider,
  };
  if (access.oidcTokenProvider) {
    annotations[ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER] =
      access.oidcTokenProvider;
  }
  if (access.skipTLSVerify) {
    annotations[ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY] = 'true';
  }
  if (access.skipMetricsLookup) {
    annotations[ANNOTATION_KUBERNETES_SKIP_METRICS_LOOKUP] = 'true';
  }
  return annotations;
}
