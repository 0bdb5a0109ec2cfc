import type { ClusterCondition } from './types';

/**
 * Cluster API v1beta2 condition types with negative polarity: `False` is the
 * normal state and `True` means something is in progress (a rollout,
 * scaling, remediation, deletion, an in-place update) or switched on
 * (`Paused`). Every other condition type has positive polarity: `True` is
 * the normal state (CAPI's `GetDefaultMergePriorityFunc` reads them the same
 * way).
 *
 * @public
 */
export const NEGATIVE_POLARITY_CONDITIONS: readonly string[] = [
  'RollingOut',
  'ScalingUp',
  'ScalingDown',
  'Remediating',
  'Deleting',
  'Paused',
  'Updating',
];

/**
 * Positive-polarity condition types whose `False` means "not there yet"
 * rather than "broken": `*UpToDate` (v1beta2) and the v1beta1
 * `MachinesSpecUpToDate` / `Resized` of a KubeadmControlPlane. During a
 * rollout they are `False` by design (`NotUpToDate`), and CAPI keeps them out
 * of every `Available` summary.
 *
 * @public
 */
export function isProgressCondition(type: string): boolean {
  return type.endsWith('UpToDate') || type === 'Resized';
}

/**
 * Reasons with which `TopologyReconciled=False` reports a real failure. CAPI's
 * cluster controller treats every other reason (`ClusterUpgrading`,
 * `ControlPlaneUpgradePending`, `LifecycleHookBlocking`, `Paused`, ...) as
 * information, not as an issue, when it summarises `Available`.
 *
 * @public
 */
export const TOPOLOGY_FAILURE_REASONS: readonly string[] = [
  'TopologyReconcileFailed',
  'ClusterClassNotReconciled',
];

/**
 * v1beta1 reasons that report work in progress on a positive-polarity
 * condition (e.g. `Ready=False` with `RollingUpdateInProgress` on a
 * KubeadmControlPlane and, mirrored, on its Cluster).
 *
 * @public
 */
export const V1BETA1_IN_PROGRESS_REASONS: readonly string[] = [
  'RollingUpdateInProgress',
  'ScalingUp',
  'ScalingDown',
  'Deleting',
  'Deleted',
  'Paused',
];

/**
 * Positive-polarity condition types that report an issue with some machines
 * without saying the object is unavailable (CAPI keeps them out of the
 * `Available` summary): `MachinesReady`, `ControlPlaneMachinesReady`,
 * `WorkerMachinesReady`, `HealthCheckSucceeded`.
 *
 * @public
 */
export function isWarningCondition(type: string): boolean {
  return type.endsWith('MachinesReady') || type === 'HealthCheckSucceeded';
}

/**
 * How a condition reads to a person:
 *
 * - `healthy`: the normal state for its polarity.
 * - `active`: work in progress or switched off on purpose — a
 *   negative-polarity condition that is `True` (`RollingOut`, `ScalingUp`,
 *   `Deleting`, `Paused`, `Updating`), a `*UpToDate` condition that is
 *   `False`, `TopologyReconciled=False` for a reason other than a failure,
 *   or a v1beta1 condition at severity `Info` or with an in-progress reason.
 * - `warning`: an issue that does not by itself cost availability —
 *   `Remediating=True`, `*MachinesReady=False`, `HealthCheckSucceeded=False`.
 * - `failing`: any other positive-polarity condition that is `False`
 *   (`Available`, `InfrastructureReady`, `RemoteConnectionProbe`, ...).
 * - `unknown`: status `Unknown`.
 *
 * @public
 */
export type ConditionHealth =
  | 'healthy'
  | 'active'
  | 'warning'
  | 'failing'
  | 'unknown';

/**
 * Whether `False` is the normal state of this condition type.
 *
 * @public
 */
export function isNegativePolarityCondition(type: string): boolean {
  return NEGATIVE_POLARITY_CONDITIONS.includes(type);
}

/**
 * Classifies a condition by its polarity, status and reason, the way CAPI's
 * merge strategies sort conditions into issues, unknowns and info.
 *
 * @public
 */
export function conditionHealth(
  condition: Pick<ClusterCondition, 'type' | 'status' | 'reason' | 'severity'>,
): ConditionHealth {
  const { type, status, reason } = condition;
  if (status === 'Unknown') return 'unknown';
  if (isNegativePolarityCondition(type)) {
    if (status === 'False') return 'healthy';
    return type === 'Remediating' ? 'warning' : 'active';
  }
  if (status === 'True') return 'healthy';
  if (isProgressCondition(type)) return 'active';
  if (type === 'TopologyReconciled') {
    return reason && !TOPOLOGY_FAILURE_REASONS.includes(reason)
      ? 'active'
      : 'failing';
  }
  if (
    condition.severity === 'Info' ||
    (condition.severity &&
      reason &&
      V1BETA1_IN_PROGRESS_REASONS.includes(reason))
  ) {
    return 'active';
  }
  if (isWarningCondition(type)) return 'warning';
  return 'failing';
}

/**
 * True when the condition reports a failure (see {@link ConditionHealth}).
 *
 * @public
 */
export function isConditionFailing(
  condition: Pick<ClusterCondition, 'type' | 'status' | 'reason' | 'severity'>,
): boolean {
  return conditionHealth(condition) === 'failing';
}

/**
 * True when the condition is in its normal state for its polarity.
 *
 * @public
 */
export function isConditionHealthy(
  condition: Pick<ClusterCondition, 'type' | 'status' | 'reason' | 'severity'>,
): boolean {
  return conditionHealth(condition) === 'healthy';
}

const HEALTH_RANK: Record<ConditionHealth, number> = {
  failing: 0,
  warning: 1,
  unknown: 2,
  active: 3,
  healthy: 4,
};

/**
 * Root causes before the summaries that repeat them, then work in progress in
 * the order a person wants to hear about it.
 */
const TYPE_ORDER = [
  'Deleting',
  'Paused',
  'InfrastructureReady',
  'InfrastructureProvisioned',
  'BootstrapConfigReady',
  'ControlPlaneInitialized',
  'Initialized',
  'RemoteConnectionProbe',
  'ControlPlaneAvailable',
  'ControlPlaneReady',
  'EtcdClusterAvailable',
  'EtcdClusterHealthy',
  'ControlPlaneComponentsHealthy',
  'CertificatesAvailable',
  'NodeHealthy',
  'NodeReady',
  'HealthCheckSucceeded',
  'WorkersAvailable',
  'TopologyReconciled',
  'Remediating',
  'ControlPlaneMachinesReady',
  'WorkerMachinesReady',
  'MachinesReady',
  'MachineSetReady',
  'RollingOut',
  'Updating',
  'ScalingUp',
  'ScalingDown',
  'ControlPlaneMachinesUpToDate',
  'WorkerMachinesUpToDate',
  'MachinesUpToDate',
  'MachinesSpecUpToDate',
  'UpToDate',
];
const SUMMARY_TYPES = ['Available', 'Ready'];
const SEVERITY_RANK: Record<string, number> = { Error: 0, Warning: 1, Info: 2 };

function typeRank(type: string): number {
  const index = TYPE_ORDER.indexOf(type);
  if (index >= 0) return index;
  return SUMMARY_TYPES.includes(type) ? 1000 : 500;
}

/**
 * The condition a person should read first: failures, then warnings, then
 * unknowns, then work in progress; within a group v1beta1 severity (Error,
 * Warning, Info), then root causes before summaries (`Available`/`Ready`
 * last, as they only repeat a more specific condition). Undefined when every
 * condition is in its normal state.
 *
 * @public
 */
export function pickHeadlineCondition(
  conditions: readonly ClusterCondition[],
  health: (c: ClusterCondition) => ConditionHealth = conditionHealth,
): ClusterCondition | undefined {
  let best: ClusterCondition | undefined;
  let bestKey: [number, number, number] | undefined;
  for (const condition of conditions) {
    const h = health(condition);
    if (h === 'healthy') continue;
    const key: [number, number, number] = [
      HEALTH_RANK[h],
      SEVERITY_RANK[condition.severity ?? 'Error'],
      typeRank(condition.type),
    ];
    if (
      !bestKey ||
      key[0] < bestKey[0] ||
      (key[0] === bestKey[0] &&
        (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))
    ) {
      best = condition;
      bestKey = key;
    }
  }
  return best;
}

/**
 * The condition of one type, if present.
 *
 * @public
 */
export function findCondition(
  conditions: readonly ClusterCondition[],
  type: string,
): ClusterCondition | undefined {
  return conditions.find(c => c.type === type);
}
