/**
 * What a change request asks for, by kind of change.
 *
 * @public
 */
export const CHANGE_REQUEST_KINDS = [
  'create',
  'upgrade',
  'add-pool',
  'update-pool',
  'remove-pool',
  'decommission',
] as const;

/** @public */
export type ChangeRequestKind = (typeof CHANGE_REQUEST_KINDS)[number];

/**
 * Stages of a change request, in order. Pull-request mode passes through
 * `pr-open` and `merged` (or ends in `closed`); `done`, `failed` and
 * `closed` end a request.
 *
 * @public
 */
export const CHANGE_REQUEST_STAGES = [
  'requested',
  'pr-open',
  'merged',
  'closed',
  'in-git',
  'applied',
  'rolling-out',
  'done',
  'failed',
] as const;

/** @public */
export type ChangeRequestStage = (typeof CHANGE_REQUEST_STAGES)[number];

/**
 * Each stage's title, the one name people read for it (card, history, task
 * log, failure reasons).
 *
 * @public
 */
export const CHANGE_REQUEST_STAGE_TITLES: Readonly<
  Record<ChangeRequestStage, string>
> = {
  requested: 'Requested',
  'pr-open': 'Pull request open',
  merged: 'Merged',
  closed: 'Closed',
  'in-git': 'In Git',
  applied: 'Applied',
  'rolling-out': 'Rolling out',
  done: 'Done',
  failed: 'Failed',
};

/**
 * A stage's title inside a sentence: `rolling-out` → "rolling out",
 * `in-git` → "in Git".
 *
 * @public
 */
export function changeRequestStageInWords(stage: ChangeRequestStage): string {
  const title = CHANGE_REQUEST_STAGE_TITLES[stage] ?? stage;
  return title.charAt(0).toLocaleLowerCase('en-US') + title.slice(1);
}

/** Stages that end a request. @public */
export const FINAL_CHANGE_REQUEST_STAGES: readonly ChangeRequestStage[] = [
  'done',
  'failed',
  'closed',
];

/**
 * The values a change sets, as the cluster's manifests hold them after the
 * change. `present: false` for a decommission.
 *
 * @public
 */
export interface ChangeRequestDesired {
  present: boolean;
  version?: string;
  controlPlaneReplicas?: number;
  /** Every pool the cluster has after the change. */
  pools?: Array<{
    name: string;
    /** Unset when the autoscaler owns the replica count. */
    replicas?: number;
    autoscaling?: { min: number; max: number };
    /**
     * The Kubernetes version the pool asks for. A classic cluster's pools
     * follow its control plane in a second upgrade, so they may ask for an
     * older version than `version`; unset in requests recorded before.
     */
    version?: string;
  }>;
}

/**
 * What the scaffolder module hands over when it published a change
 * (`POST /change-requests`, services only).
 *
 * @public
 */
export interface ChangeRequestSubmission {
  /** Stable per step run, so a re-run of the step records nothing new. */
  id: string;
  managementCluster: string;
  namespace: string;
  name: string;
  kind: ChangeRequestKind;
  /** User entity ref of the task's initiator. */
  requestedBy?: string;
  taskId: string;
  taskUrl?: string;
  mode: 'commit' | 'pull-request';
  commitSha?: string;
  pullRequestUrl?: string;
  desired: ChangeRequestDesired;
}

/**
 * A change request and how far it got.
 *
 * @public
 */
export interface ChangeRequest extends Omit<ChangeRequestSubmission, 'id'> {
  id: string;
  /** `managementCluster/namespace/name` */
  clusterId: string;
  /** RFC 3339 */
  requestedAt: string;
  stage: ChangeRequestStage;
  /** RFC 3339: when the request entered its current stage. */
  stageSince: string;
  /** RFC 3339 per stage passed. */
  stages: Partial<Record<ChangeRequestStage, string>>;
  /** Why a request failed or was closed. */
  reason?: string;
}

/**
 * `GET /change-requests?cluster=` or `?entityRef=` (open requests), and
 * `GET /change-requests/history?cluster=` (newest first, paged).
 *
 * @public
 */
export interface ChangeRequestsResponse {
  items: ChangeRequest[];
  /** History only: how many requests the cluster has in all. */
  total?: number;
}

/**
 * Routes of the change request API, relative to the capi backend's base URL.
 *
 * @public
 */
export const CHANGE_REQUEST_API_PATHS = {
  changeRequests: '/change-requests',
  history: '/change-requests/history',
} as const;
