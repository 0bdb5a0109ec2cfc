import type {
  ClusterCondition,
  VersionCount,
} from '@capstan/plugin-capi-common';

/**
 * The CAPI kinds the cache holds.
 *
 * @public
 */
export type CapiKind =
  | 'Cluster'
  | 'MachineDeployment'
  | 'MachinePool'
  | 'Machine'
  | 'KubeadmControlPlane';

/**
 * Metadata kept of every cached object. Labels and annotations are filtered
 * on arrival to the keys the read model uses.
 *
 * @public
 */
export interface TrimmedMeta {
  namespace: string;
  name: string;
  uid?: string;
  createdAt?: string;
  deleting: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** @public */
export interface TrimmedTopologyPool {
  kind: 'MachineDeployment' | 'MachinePool';
  name: string;
  class?: string;
  size?: string;
  replicas?: number;
}

/** @public */
export interface TrimmedCluster extends TrimmedMeta {
  kind: 'Cluster';
  phase: string;
  conditions: ClusterCondition[];
  failureMessage?: string;
  desiredVersion?: string;
  clusterClass?: string;
  controlPlaneRef?: { kind?: string; name?: string };
  infrastructureKind?: string;
  controlPlaneEndpoint?: string;
  controlPlaneInitialized?: boolean;
  infrastructureReady?: boolean;
  /** spec.paused */
  paused?: boolean;
  /** CAPI v1.14 `status.controlPlane.versions` / `status.workers.versions`. */
  controlPlaneVersions?: VersionCount[];
  workerVersions?: VersionCount[];
  /** CAPI v1.14 `status.controlPlane.upgradePlan` / `status.workers.upgradePlan` (versions). */
  controlPlanePlan?: string[];
  workersPlan?: string[];
  topologyPools: TrimmedTopologyPool[];
  /** metadata.generation and status.observedGeneration, when set. */
  generation?: number;
  observedGeneration?: number;
}

/** @public */
export interface TrimmedPool extends TrimmedMeta {
  kind: 'MachineDeployment' | 'MachinePool';
  clusterName: string;
  /** The pool's name as users know it (the topology name when managed by a ClusterClass). */
  poolName: string;
  class?: string;
  size?: string;
  desiredReplicas?: number;
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  upToDateReplicas: number;
  autoscaling?: { min: number; max: number };
  version?: string;
  /** CAPI v1.14 `status.versions`. */
  versions?: VersionCount[];
  phase?: string;
  conditions: ClusterCondition[];
}

/** @public */
export interface TrimmedControlPlane extends TrimmedMeta {
  kind: 'KubeadmControlPlane';
  clusterName?: string;
  desiredReplicas?: number;
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  upToDateReplicas: number;
  /** spec.version */
  version?: string;
  /** status.version: the lowest version the control plane machines run. */
  statusVersion?: string;
  /** CAPI v1.14 `status.versions`. */
  versions?: VersionCount[];
  initialized: boolean;
  available: boolean;
  conditions: ClusterCondition[];
}

/** @public */
export interface TrimmedMachine extends TrimmedMeta {
  kind: 'Machine';
  clusterName: string;
  controlPlane: boolean;
  /** Name of the owning MachineDeployment or MachinePool object, from labels. */
  deploymentName?: string;
  machinePoolName?: string;
  /** Topology pool name, from labels, when managed by a ClusterClass. */
  topologyPoolName?: string;
  phase: string;
  nodeName?: string;
  version?: string;
  kubeletVersion?: string;
  /** `Updating=True`: an in-place update is under way. */
  updating?: true;
  /**
   * Never available since it was created (no Node yet, or its `Available`
   * condition still the `False` of its first status): coming up, not lost.
   * See `isMachineStarting`.
   */
  starting?: true;
  /** The machine's own `Available` (v1beta1: `Ready`), when it reports one. */
  available?: boolean;
  /** From the `UpToDate` condition, when reported. */
  upToDate?: boolean;
  osImage?: string;
  kernelVersion?: string;
  certificatesExpiryDate?: string;
  providerId?: string;
  addresses?: string[];
}

/** @public */
export type TrimmedObject =
  | TrimmedCluster
  | TrimmedPool
  | TrimmedControlPlane
  | TrimmedMachine;
