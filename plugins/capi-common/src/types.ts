import type { ClusterDrift } from './drift';

/**
 * Identifies one workload cluster across the fleet.
 *
 * @public
 */
export interface ClusterRef {
  managementCluster: string;
  namespace: string;
  name: string;
}

/**
 * A status condition as Cluster API v1beta2 reports it (`metav1.Condition`);
 * v1beta1 conditions are converted to this shape.
 *
 * @public
 */
export interface ClusterCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  /** RFC 3339 */
  lastTransitionTime?: string;
  /** v1beta1 severity, when the source was v1beta1. */
  severity?: 'Error' | 'Warning' | 'Info';
}

/**
 * Every {@link ClusterStatus}, in the order a filter lists them.
 *
 * @public
 */
export const CLUSTER_STATUSES = [
  'Provisioning',
  'Available',
  'Upgrading',
  'RollingOut',
  'Scaling',
  'Degraded',
  'Failed',
  'Paused',
  'Deleting',
  'Unknown',
] as const;

/**
 * The status a person sees on a cluster's (or node pool's) chip; the rules
 * are in `clusterStatus` and the capi-backend README.
 *
 * - `Provisioning`: being created, not yet available.
 * - `Available`: up and serving.
 * - `Upgrading`: a Kubernetes version rollout is under way.
 * - `RollingOut`: machines are being replaced or updated for another
 *   change (machine size, template, bootstrap config).
 * - `Scaling`: machines are being added or removed.
 * - `Degraded`: availability is lost (CAPI's `Available` or one of its
 *   gates is `False` for a reason that is not work in progress).
 * - `Failed`: CAPI reports the cluster failed (v1beta1 failure fields).
 * - `Paused`: reconciliation is paused.
 * - `Deleting`: being deleted.
 * - `Unknown`: not enough status yet to tell.
 *
 * Staleness is shown separately (see {@link ClusterSummary.stale}).
 *
 * @public
 */
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

/**
 * A condition explained in plain words (see `explainCondition`).
 *
 * @public
 */
export interface ConditionExplanation {
  /** Catalogue entry id, or `raw` when the catalogue has none and the message is shown as is. */
  id: string;
  /** What is happening, in one sentence. */
  title: string;
  /** More detail: why, and what CAPI is doing about it. */
  detail: string;
  /** What the user can do, when anything. */
  action?: string;
}

/**
 * Kubernetes versions and how many machines run each, as CAPI v1.14 reports
 * them (`status.versions` of control planes and pools,
 * `status.controlPlane.versions` / `status.workers.versions` of a Cluster).
 *
 * @public
 */
export interface VersionCount {
  version: string;
  replicas: number;
}

/**
 * What the cluster reports about a Kubernetes upgrade, and which upgrades can
 * be asked for now.
 *
 * @public
 */
export interface UpgradeStatus {
  /** Versions an upgrade may target now, lowest first; empty while one is rolling out. */
  available: string[];
  /** Why no upgrade can be asked for now, in plain words. */
  blockedReason?: string;
  /** The version the control plane runs (lowest, when mixed); what an upgrade starts from. */
  from?: string;
  /**
   * For targets more than one minor ahead (chained upgrades of ClusterClass
   * clusters, when the profile allows them): the versions the control plane
   * passes through, ending with the target.
   */
  plans?: Record<string, string[]>;
  /** Versions the control plane runs, from status. */
  controlPlaneVersions: VersionCount[];
  /** Versions the workers run, from status. */
  workerVersions: VersionCount[];
  /** CAPI's upgrade plan for the control plane (ClusterClass clusters, while upgrading). */
  controlPlanePlan?: string[];
  /** CAPI's upgrade plan for the workers (ClusterClass clusters, while upgrading). */
  workersPlan?: string[];
  /** Machines being updated in place (their `Updating` condition is `True`). */
  updatingInPlace: string[];
}

/**
 * Patch states of one machine, judged against the patch policy.
 *
 * @public
 */
export type PatchStateName = 'up-to-date' | 'pending' | 'overdue' | 'unknown';

/**
 * What is known about the OS patch state of one machine.
 *
 * @public
 */
export interface PatchState {
  state: PatchStateName;
  rebootRequired: boolean;
  /** RFC 3339 */
  lastPatched?: string;
  pendingUpdates?: number;
  pendingSecurityUpdates?: number;
  /** RFC 3339: since when security updates have been pending. */
  securityPendingSince?: string;
  /** RFC 3339: when the pending security updates become (or became) overdue under the policy. */
  dueBy?: string;
  /** Which provider reported it, e.g. `annotations`. */
  source?: string;
}

/**
 * Counts of machines per patch state.
 *
 * @public
 */
export interface PatchSummary {
  total: number;
  upToDate: number;
  pending: number;
  overdue: number;
  unknown: number;
  rebootRequired: number;
  /** Share of machines that are not overdue and not unknown, 0..1; 1 when there are none. */
  compliance: number;
}

/**
 * One Machine of a workload cluster.
 *
 * @public
 */
export interface MachineSummary {
  name: string;
  namespace: string;
  /** MachineDeployment or MachinePool name, or `control-plane`. */
  pool: string;
  controlPlane: boolean;
  phase: string;
  nodeName?: string;
  /** RFC 3339 */
  createdAt?: string;
  /** Desired version from spec. */
  version?: string;
  kubeletVersion?: string;
  /** True while the machine is being updated in place (CAPI `Updating=True`). */
  updatingInPlace?: boolean;
  /** False when CAPI reports the machine not up to date with its pool's spec (`UpToDate=False`). */
  upToDate?: boolean;
  osImage?: string;
  kernelVersion?: string;
  /** RFC 3339 */
  certificatesExpiryDate?: string;
  providerId?: string;
  addresses?: string[];
  patch: PatchState;
}

/**
 * A node pool: a MachineDeployment or MachinePool.
 *
 * @public
 */
export interface NodePoolSummary {
  name: string;
  kind: 'MachineDeployment' | 'MachinePool';
  /** Topology class (ClusterClass worker class) or machine template name. */
  class?: string;
  /** Machine size name, when the scaffolder recorded one. */
  size?: string;
  /**
   * That size in words from the cluster's profile ("Medium (4 vCPU, 16 GiB)");
   * absent when no profile describes the size.
   */
  sizeTitle?: string;
  desiredReplicas?: number;
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  upToDateReplicas: number;
  autoscaling?: { min: number; max: number };
  version?: string;
  /** Versions the pool's machines run and how many of each (CAPI `status.versions`, else from the machines). */
  versions?: VersionCount[];
  phase?: string;
  /** The pool's status by the same rules as the cluster's. */
  status?: ClusterStatus;
  rollingOut: boolean;
  /** The condition to read first (a failure, else work in progress, else a warning), if any. */
  headline?: ClusterCondition;
  /** The headline in plain words. */
  explanation?: ConditionExplanation;
  conditions: ClusterCondition[];
  patch: PatchSummary;
}

/**
 * Control plane replica status.
 *
 * @public
 */
export interface ControlPlaneSummary {
  kind?: string;
  name?: string;
  desiredReplicas?: number;
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  upToDateReplicas: number;
  version?: string;
  /** Versions the control plane machines run (CAPI `status.versions`). */
  versions?: VersionCount[];
  initialized: boolean;
  available: boolean;
  /** Earliest certificate expiry of control plane machines, RFC 3339. */
  certificatesExpiryDate?: string;
  /**
   * Patch state of the control plane machines, counted like a pool's, so
   * that control plane + pools (+ machines of no pool) = the cluster's.
   */
  patch: PatchSummary;
}

/**
 * The read model of one workload cluster, aggregated from its Cluster,
 * control plane, pools and machines.
 *
 * @public
 */
export interface ClusterSummary extends ClusterRef {
  /** `managementCluster/namespace/name` */
  id: string;
  uid?: string;
  /**
   * Name of the cluster's catalog `Resource` entity (namespace `default`).
   * It reveals nothing about the cluster, so clients cannot compute it.
   */
  entityName?: string;
  /** Title of the management cluster from config. */
  managementClusterTitle?: string;
  labels: Record<string, string>;
  /** Full owner entity ref, when known. */
  owner?: string;
  /** Full refs of entities the cluster is linked to by the scaffolder's labels. */
  entityRefs: string[];
  profile?: string;
  /** The CAPI phase as reported (`Pending`, `Provisioning`, `Provisioned`, `Deleting`, `Failed`, ...). */
  phase: string;
  status: ClusterStatus;
  /**
   * The condition to read first: what costs availability when the cluster
   * is Degraded, else the work in progress, else a warning.
   */
  headline?: ClusterCondition;
  /** The headline in plain words, with what the user can do. */
  explanation?: ConditionExplanation;
  conditions: ClusterCondition[];
  /** Version asked for in the topology or control plane spec. */
  desiredVersion?: string;
  /** Lowest kubelet version actually running, from the machines. */
  actualVersion?: string;
  /** Versions the machines run now, highest first. */
  runningVersions: string[];
  rollingOut: boolean;
  /** ClusterClass name, for topology clusters. */
  clusterClass?: string;
  /** Infrastructure provider, e.g. `vsphere`, `aws`, `azure`, `docker`. */
  provider?: string;
  /** Control plane endpoint, `https://host:port`. */
  controlPlaneEndpoint?: string;
  controlPlane: ControlPlaneSummary;
  nodePools: NodePoolSummary[];
  machines: MachineSummary[];
  patch: PatchSummary;
  /** Next Kubernetes versions the cluster's profile allows, lowest first; the same as `upgrade.available`. */
  upgradeOptions: string[];
  /** Versions running, CAPI's upgrade plan, and which upgrades can be asked for now. */
  upgrade?: UpgradeStatus;
  /** Folder of the cluster in the GitOps repository. */
  gitopsPath: string;
  /** Link to that folder in the Git host's UI, when configured. */
  gitopsUrl?: string;
  /**
   * Whether that folder is on the GitOps repository's branch, as the backend
   * last read it. Day-2 templates change clusters through their folder, so
   * they can only change clusters where this is true. Undefined when the
   * backend cannot tell (no GitOps repository configured, or not read yet).
   */
  gitManaged?: boolean;
  /** Git ↔ live drift of the fields Capstan manages; undefined when the backend cannot tell. */
  drift?: ClusterDrift;
  /** RFC 3339 */
  createdAt?: string;
  /** True when the management cluster has not been heard from within the staleness window. */
  stale: boolean;
  staleReason?: string;
  /** RFC 3339: when data from the management cluster was last current. */
  staleSince?: string;
  /** The served CAPI API version this was read from. */
  apiVersion: string;
}

/**
 * Connection state of a management cluster.
 *
 * @public
 */
export type ManagementClusterState =
  | 'connecting'
  | 'synced'
  | 'degraded'
  | 'down';

/**
 * Health of one management cluster as the backend sees it.
 *
 * @public
 */
export interface ManagementClusterHealth {
  name: string;
  title: string;
  state: ManagementClusterState;
  /** The CAPI version it serves and we read, e.g. `v1beta2`. */
  apiVersion?: string;
  /** RFC 3339 */
  lastEventAt?: string;
  /** RFC 3339 */
  lastSyncAt?: string;
  lastError?: string;
  /** RFC 3339 */
  lastErrorAt?: string;
  stale: boolean;
  clusterCount: number;
  machineCount: number;
}

/**
 * A cluster profile as the backend exposes it to the browser: what a
 * developer chooses from. Infrastructure details stay on the server.
 *
 * @public
 */
export interface ClusterProfileSummary {
  name: string;
  title: string;
  description?: string;
  managementCluster: string;
  namespace: string;
  mode: 'clusterclass' | 'classic';
  provider?: string;
  clusterClass?: string;
  /** Namespace of the ClusterClass (the profile's namespace unless configured). */
  clusterClassNamespace?: string;
  /** ClusterClass variables developers may set on a new cluster. */
  exposedVariables?: string[];
  kubernetesVersions: string[];
  defaultKubernetesVersion?: string;
  machineSizes: Array<{ name: string; title?: string; description?: string }>;
  autoscaler: boolean;
  limits: { maxNodePools: number; maxReplicas: number };
}

/**
 * Compliance counts at one point in time, for one scope.
 *
 * @public
 */
export interface CompliancePoint {
  /** RFC 3339 */
  at: string;
  upToDate: number;
  pending: number;
  overdue: number;
  unknown: number;
  rebootRequired: number;
  total: number;
  compliance: number;
}

/**
 * A compliance time series.
 *
 * @public
 */
export interface ComplianceSeries {
  /** `fleet`, `owner:<ref>` or `cluster:<id>`. */
  scope: string;
  points: CompliancePoint[];
}

/**
 * The patch policy in force, as shown to users.
 *
 * @public
 */
export interface PatchPolicySummary {
  /** Hours after which pending security updates are overdue. */
  securityOverdueAfterHours: number;
  /** Hours after which any pending update is overdue; unset means never. */
  updatesOverdueAfterHours?: number;
}
