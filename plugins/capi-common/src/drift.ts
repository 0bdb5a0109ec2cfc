/**
 * How a cluster's live objects compare with its folder in the GitOps
 * repository:
 * - `in-sync`: every field Capstan manages is as Git says;
 * - `pending`: they differ, but Git changed within the grace period or a
 *   change request is in flight (the sync and the controllers are catching up);
 * - `drifted`: they have differed for longer than the grace period, with no
 *   change in flight;
 * - `missing`: the folder is in Git, the cluster is not on its management cluster;
 * - `unmanaged`: the cluster is live, with no folder in Git.
 *
 * @public
 */
export const DRIFT_STATES = [
  'in-sync',
  'pending',
  'drifted',
  'missing',
  'unmanaged',
] as const;

/** @public */
export type DriftState = (typeof DRIFT_STATES)[number];

/**
 * One field that differs between Git and the live objects. Values are shown
 * as text; `undefined` means the side does not have it (a pool only in Git,
 * or a count left to the autoscaler).
 *
 * @public
 */
export interface DriftField {
  /**
   * `kubernetesVersion`, `controlPlaneReplicas`, `clusterClass`, or
   * `pools.<pool>` (present on one side only), `pools.<pool>.replicas`,
   * `pools.<pool>.autoscaling`.
   */
  field: string;
  git?: string;
  live?: string;
}

/**
 * The sync and health of the Argo CD Application that covers a cluster's
 * folder, as read from the management cluster.
 *
 * @public
 */
export interface ArgoCdApplicationStatus {
  /** `namespace/name` of the Application. */
  application: string;
  /** The Application's source path. */
  path?: string;
  /** `Synced`, `OutOfSync` or `Unknown`. */
  syncStatus?: string;
  /** `Healthy`, `Progressing`, `Degraded`, `Suspended`, `Missing` or `Unknown`. */
  healthStatus?: string;
  /** Phase of the last sync operation: `Running`, `Succeeded`, `Failed`, `Error`. */
  operationPhase?: string;
  /** The last operation's message. */
  message?: string;
  /** Revision Argo CD last synced. */
  revision?: string;
  /** RFC 3339: when the last operation finished. */
  finishedAt?: string;
  /** Set when the last sync failed: `sync failed: <message>`. */
  reason?: string;
}

/**
 * A cluster's drift between Git and its live objects.
 *
 * @public
 */
export interface ClusterDrift {
  state: DriftState;
  /** Each differing field with both values (empty when in sync). */
  fields: DriftField[];
  /** RFC 3339: since when the current difference has been seen. */
  since?: string;
  /** Why the state is what it is, in plain words. */
  reason?: string;
  /** The GitOps commit compared with. */
  gitRevision?: string;
  /** Argo CD's view of the folder, when Argo CD is configured. */
  argocd?: ArgoCdApplicationStatus;
}

/**
 * One cluster in the fleet's drift report.
 *
 * @public
 */
export interface FleetDriftEntry {
  /** `managementCluster/namespace/name` */
  id: string;
  managementCluster: string;
  namespace: string;
  name: string;
  owner?: string;
  drift: ClusterDrift;
}

/**
 * `GET /fleet/drift`: counts by state for the whole fleet, and the clusters
 * in the asked-for states.
 *
 * @public
 */
export interface FleetDriftResponse {
  counts: Record<DriftState, number>;
  /** Undefined until the GitOps repository has been read. */
  gitRevision?: string;
  /** Why drift cannot be told now (e.g. the repository cannot be read). */
  unavailableReason?: string;
  total: number;
  offset: number;
  limit: number;
  items: FleetDriftEntry[];
}
