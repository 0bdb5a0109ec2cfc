/**
 * Every annotation and label Capstan reads or writes lives under this prefix.
 *
 * @public
 */
export const CAPSTAN_PREFIX = 'capstan.dev/';

/**
 * Annotations on catalog entities that link them to clusters.
 *
 * @public
 */
export const ENTITY_ANNOTATIONS = {
  /** Comma or newline separated `managementCluster/namespace/name` refs. */
  clusters: `${CAPSTAN_PREFIX}clusters`,
  /** A Kubernetes label selector matched against Cluster labels. */
  clusterSelector: `${CAPSTAN_PREFIX}cluster-selector`,
  /** On a cluster's `Resource` entity: the `managementCluster/namespace/name` it stands for. */
  clusterRef: `${CAPSTAN_PREFIX}cluster-ref`,
} as const;

/**
 * Labels the scaffolder puts on every Cluster it creates. Label values can't
 * hold a full entity ref, so the ref is split over several labels and kept
 * whole in {@link CLUSTER_ANNOTATIONS}.
 *
 * @public
 */
export const CLUSTER_LABELS = {
  owner: `${CAPSTAN_PREFIX}owner`,
  entityKind: `${CAPSTAN_PREFIX}entity-kind`,
  entityNamespace: `${CAPSTAN_PREFIX}entity-namespace`,
  entityName: `${CAPSTAN_PREFIX}entity-name`,
  /** The System the cluster belongs to (the one of the entity it was made for). */
  systemNamespace: `${CAPSTAN_PREFIX}system-namespace`,
  systemName: `${CAPSTAN_PREFIX}system-name`,
  profile: `${CAPSTAN_PREFIX}profile`,
  /**
   * A random id chosen when the cluster is made; with the cluster's ref it
   * names the cluster's catalog entity (capi-node's `clusterEntityName`).
   */
  catalogId: `${CAPSTAN_PREFIX}catalog-id`,
} as const;

/**
 * Annotations the scaffolder puts on every Cluster it creates.
 *
 * @public
 */
export const CLUSTER_ANNOTATIONS = {
  /** Full owner entity ref, e.g. `group:default/team-payments`. */
  ownerRef: `${CAPSTAN_PREFIX}owner-ref`,
  /** Full ref of the entity that requested the cluster, e.g. `component:default/checkout`. */
  entityRef: `${CAPSTAN_PREFIX}entity-ref`,
  /** Full ref of the System the cluster belongs to, e.g. `system:default/payments`. */
  systemRef: `${CAPSTAN_PREFIX}system-ref`,
  /** Path of the cluster's folder in the GitOps repository. */
  gitopsPath: `${CAPSTAN_PREFIX}gitops-path`,
} as const;

/**
 * Default annotations on Machines (or Nodes) that the company's patch
 * controller writes and the built-in patch state provider reads. The keys
 * can be changed in config (`capi.patch.annotations`).
 *
 * @public
 */
export const DEFAULT_PATCH_ANNOTATIONS = {
  /** RFC 3339 time of the last successful patch run on the node. */
  lastPatched: `${CAPSTAN_PREFIX}patch-last-patched`,
  /** Number of pending package updates (any kind). */
  pendingUpdates: `${CAPSTAN_PREFIX}patch-pending-updates`,
  /** Number of pending security updates. */
  pendingSecurityUpdates: `${CAPSTAN_PREFIX}patch-pending-security-updates`,
  /** RFC 3339 time since which security updates have been pending (release time of the oldest one). */
  securityPendingSince: `${CAPSTAN_PREFIX}patch-security-pending-since`,
  /** `"true"` when the node needs a reboot to finish patching. */
  rebootRequired: `${CAPSTAN_PREFIX}patch-reboot-required`,
} as const;

/**
 * Annotations defined by Cluster API itself that Capstan reads or writes.
 *
 * @public
 */
export const CAPI_ANNOTATIONS = {
  autoscalerMin: 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size',
  autoscalerMax: 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size',
} as const;

/**
 * Labels defined by Cluster API itself.
 *
 * @public
 */
export const CAPI_LABELS = {
  clusterName: 'cluster.x-k8s.io/cluster-name',
  deploymentName: 'cluster.x-k8s.io/deployment-name',
  machinePoolName: 'cluster.x-k8s.io/pool-name',
  controlPlane: 'cluster.x-k8s.io/control-plane',
  topologyOwned: 'topology.cluster.x-k8s.io/owned',
  topologyDeploymentName: 'topology.cluster.x-k8s.io/deployment-name',
} as const;

/** The catalog `Resource` type for clusters. @public */
export const CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';

/**
 * Annotations the scaffolder puts on node pools (MachineDeployments, or
 * `spec.topology.workers.machineDeployments[].metadata` in ClusterClass mode).
 *
 * @public
 */
export const NODE_POOL_ANNOTATIONS = {
  /** The profile's machine size name chosen for the pool, e.g. `large`. */
  machineSize: `${CAPSTAN_PREFIX}machine-size`,
} as const;

/**
 * Prefix of Cluster labels that switch on an add-on: the scaffolder sets
 * `addons.capstan.dev/<addon>: "enabled"` for each add-on a developer picks,
 * for ClusterResourceSets or Argo CD cluster generators to select on.
 *
 * @public
 */
export const ADDON_LABEL_PREFIX = 'addons.capstan.dev/';

const LABEL_VALUE = /^(([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?)$/;

/**
 * A valid Kubernetes label value for a part of an entity ref (an owner or
 * entity name such as `Team A`), for the {@link CLUSTER_LABELS}. Valid
 * values stay as they are; others have invalid characters replaced by `-`
 * and a stable hash of the original appended, so that two different names
 * never share a label value. The full refs stay in
 * {@link CLUSTER_ANNOTATIONS}.
 *
 * @public
 */
export function toLabelValue(value: string): string {
  if (value.length <= 63 && LABEL_VALUE.test(value)) {
    return value;
  }
  // FNV-1a: tiny, stable, no crypto dependency in browser code.
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const suffix = hash.toString(16).padStart(8, '0');
  const base = value
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .slice(0, 63 - suffix.length - 1)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return base ? `${base}-${suffix}` : suffix;
}
