import type { ClusterCondition } from './types';

/**
 * Cluster API v1beta2 condition types with negative polarity: `False` is the
 * normal, healthy state and `True` means something is in progress (a rollout,
 * scaling, remediation, deletion) or switched on (`Paused`). Every other
 * condition type has positive polarity: `True` is healthy.
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
];

/**
 * Reasons with which a positive-polarity condition is `False` while work is
 * under way rather than broken — e.g. `TopologyReconciled` during a
 * ClusterClass upgrade (`ClusterUpgrading`, and the older per-step reasons).
 * Such a condition reads as `active`, not `failing`.
 *
 * @public
 */
export const IN_PROGRESS_REASONS: Readonly<Record<string, readonly string[]>> =
  {
    TopologyReconciled: [
      'ClusterUpgrading',
      'ControlPlaneUpgradePending',
      'MachineDeploymentsCreatePending',
      'MachineDeploymentsUpgradePending',
      'MachineDeploymentsUpgradeDeferred',
      'MachinePoolsCreatePending',
      'MachinePoolsUpgradePending',
      'MachinePoolsUpgradeDeferred',
      'LifecycleHookBlocking',
      'Deleting',
      'Paused',
    ],
  };

/**
 * How a condition reads to a person:
 *
 * - `healthy`: the normal state (`True`, or `False` for negative polarity).
 * - `failing`: a positive-polarity condition that is `False`.
 * - `active`: a negative-polarity condition that is `True`, or a
 *   positive-polarity one that is `False` for a reason in
 *   {@link IN_PROGRESS_REASONS} — work in progress or paused; not a failure.
 * - `unknown`: status `Unknown`.
 *
 * @public
 */
export type ConditionHealth = 'healthy' | 'failing' | 'active' | 'unknown';

/**
 * Whether `False` is the healthy state of this condition type.
 *
 * @public
 */
export function isNegativePolarityCondition(type: string): boolean {
  return NEGATIVE_POLARITY_CONDITIONS.includes(type);
}

/**
 * Classifies a condition by its polarity and status.
 *
 * @public
 */
export function conditionHealth(
  condition: Pick<ClusterCondition, 'type' | 'status' | 'reason'>,
): ConditionHealth {
  if (condition.status === 'Unknown') return 'unknown';
  const negative = isNegativePolarityCondition(condition.type);
  if (condition.status === 'True') return negative ? 'active' : 'healthy';
  if (negative) return 'healthy';
  const inProgress = IN_PROGRESS_REASONS[condition.type] ?? [];
  return condition.reason && inProgress.includes(condition.reason)
    ? 'active'
    : 'failing';
}

/**
 * True when the condition reports a failure (a positive-polarity condition
 * that is `False`, other than for a reason in {@link IN_PROGRESS_REASONS}).
 *
 * @public
 */
export function isConditionFailing(
  condition: Pick<ClusterCondition, 'type' | 'status' | 'reason'>,
): boolean {
  return conditionHealth(condition) === 'failing';
}

/**
 * True when the condition is in its normal state for its polarity.
 *
 * @public
 */
export function isConditionHealthy(
  condition: Pick<ClusterCondition, 'type' | 'status' | 'reason'>,
): boolean {
  return conditionHealth(condition) === 'healthy';
}
