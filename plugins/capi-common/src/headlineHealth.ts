import { type ConditionHealth } from './conditions';
import { conditionHealthIn } from './status';
import type { ClusterCondition, ClusterStatus } from './types';

/**
 * Conditions that are `False` on every new cluster until its first control
 * plane machine is up (there is no API server to probe before): progress,
 * not a failure, for as long as a first boot normally takes.
 */
const FIRST_BOOT = [
  'ControlPlaneInitialized',
  'Initialized',
  'RemoteConnectionProbe',
];

/**
 * How long a first control plane machine may take before "not initialised"
 * reads as a problem (the explanation's "more than about 20 minutes").
 *
 * @public
 */
export const FIRST_BOOT_EXPECTED_MS = 20 * 60_000;

/**
 * `InfrastructureReady` is `False` (`NotReady`) while the provider still
 * creates networks and machines; any other reason names a failure.
 */
function isFirstBootCondition(condition: ClusterCondition): boolean {
  if (FIRST_BOOT.includes(condition.type)) return true;
  return (
    condition.type === 'InfrastructureReady' &&
    (condition.reason === 'NotReady' || condition.reason === undefined)
  );
}

function withinFirstBoot(condition: ClusterCondition, now: number): boolean {
  const since = condition.lastTransitionTime
    ? Date.parse(condition.lastTransitionTime)
    : NaN;
  return Number.isNaN(since) || now - since < FIRST_BOOT_EXPECTED_MS;
}

/**
 * How a headline or a condition's row reads to the user (its colour): as
 * {@link conditionHealthIn}, except that a new cluster's control plane not
 * initialised yet is progress, not a failure, until its first boot has taken
 * longer than {@link FIRST_BOOT_EXPECTED_MS}. Which condition is the headline
 * does not depend on it.
 *
 * @public
 */
export function headlineHealthIn(
  condition: ClusterCondition,
  status: ClusterStatus | undefined,
  now: number = Date.now(),
): ConditionHealth {
  const health = conditionHealthIn(condition, status);
  return health === 'failing' &&
    status === 'Provisioning' &&
    isFirstBootCondition(condition) &&
    withinFirstBoot(condition, now)
    ? 'active'
    : health;
}
