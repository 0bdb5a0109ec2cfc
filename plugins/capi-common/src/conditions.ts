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
 * How a condition reads to a person:
 *
 * - `healthy`: the normal state (`True`, or `False` for negative polarity).
 * - `failing`: a positive-polarity condition that is `False`.
 * - `active`: a negative-polarity condition that is `True` — work in progress
 *   or paused; not a failure.
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
  condition: Pick<ClusterCondition, 'type' | 'status'>,
): ConditionHealth {
  if (condition.status === 'Unknown') return 'unknown';
  const negative = isNegativePolarityCondition(condition.type);
  if (condition.status === 'True') return negative ? 'active' : 'healthy';
  return negative ? 'healthy' : 'failing';
}

/**
 * True when the condition reports a failure (a positive-polarity condition
 * that is `False`).
 *
 * @public
 */
export function isConditionFailing(
  condition: Pick<ClusterCondition, 'type' | 'status'>,
): boolean {
  return conditionHealth(condition) === 'failing';
}

/**
 * True when the condition is in its normal state for its polarity.
 *
 * @public
 */
export function isConditionHealthy(
  condition: Pick<ClusterCondition, 'type' | 'status'>,
): boolean {
  return conditionHealth(condition) === 'healthy';
}
