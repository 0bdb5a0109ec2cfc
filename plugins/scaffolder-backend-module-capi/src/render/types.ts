import type { ClusterProfile } from '@capstan/plugin-capi-node';

/** A Kubernetes object as rendered: plain data, serialised by a YAML library. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** A node pool after validation, with defaults applied. */
export interface NodePoolRequest {
  name: string;
  size: string;
  /** Unset when the autoscaler owns the replica count. */
  replicas?: number;
  autoscaling?: { min: number; max: number };
  labels: Record<string, string>;
  taints: Array<{
    key: string;
    value?: string;
    effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  }>;
}

/** Everything needed to render one cluster, validated. */
export interface ClusterRequest {
  name: string;
  profile: ClusterProfile;
  /** Full owner entity ref, e.g. `group:default/team-a`. */
  owner: string;
  /** Full ref of the requesting entity, when there is one. */
  entityRef?: string;
  /** The System the cluster belongs to (that of the entity it is for). */
  system?: string;
  kubernetesVersion: string;
  controlPlaneReplicas: 1 | 3 | 5;
  nodePools: NodePoolRequest[];
  addons: string[];
  podCidrs: string[];
  serviceCidrs: string[];
  description?: string;
  /**
   * Random id of the cluster's catalog entity (`capstan.dev/catalog-id`
   * label), chosen once per cluster; `renderClusterFolder` picks one when
   * none is given.
   */
  catalogId?: string;
}

/** CAPI API versions Capstan writes. */
export const API_VERSIONS = {
  cluster: 'cluster.x-k8s.io/v1beta2',
  controlPlane: 'controlplane.cluster.x-k8s.io/v1beta2',
  bootstrap: 'bootstrap.cluster.x-k8s.io/v1beta2',
} as const;

export const API_GROUPS = {
  controlPlane: 'controlplane.cluster.x-k8s.io',
  bootstrap: 'bootstrap.cluster.x-k8s.io',
  infrastructure: 'infrastructure.cluster.x-k8s.io',
} as const;
