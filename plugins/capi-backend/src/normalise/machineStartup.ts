import { at, list, str } from './read';

/** Phases of a Machine that has no Node yet (CAPI's `MachinePhase`). */
const STARTING_PHASES = ['Pending', 'Provisioning', 'Provisioned'];
/** Phases of a Machine that is going or gone for good. */
const ENDED_PHASES = ['Deleting', 'Deleted', 'Failed'];

/**
 * How much later than the machine's first status its availability condition
 * may have turned `False` and still be the `False` it was created with. CAPI
 * v1.9+ sets `Available` and `Deleting` in the same reconcile, so their
 * times agree to the second; older CAPI is timed against the creation, which
 * its first reconcile may follow by a while. A machine cannot boot, become
 * available and lose that again within either.
 */
const SAME_RECONCILE_MS = 10_000;
const AFTER_CREATION_MS = 120_000;

function millis(value: unknown): number | undefined {
  const text = str(value);
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function find(conditions: unknown[], type: string): unknown {
  return conditions.find(c => str(at(c, 'type')) === type);
}

/**
 * Whether a Machine has never been available since it was created: it is
 * still coming up, and the `Available=False` it makes its pool, control
 * plane and Cluster report is the scale-up, not a loss.
 *
 * - A machine without a Node yet (phase `Pending`, `Provisioning`,
 *   `Provisioned`, or no status at all) is coming up.
 * - A machine whose availability condition (v1beta2 `Available`, else the
 *   v1beta1 `Ready` of older CAPI) is `True` is available.
 * - Otherwise the condition's `lastTransitionTime` tells: CAPI keeps it
 *   while the status does not change, so a machine that was never
 *   available still carries the time of its first status — the time of its
 *   `Deleting=False` condition (set in the same reconcile), else its
 *   creation. A machine that was available and whose node went `NotReady`
 *   carries the time it lost availability: that is a loss, not a start.
 * - Without an availability condition, a machine with a Node cannot be
 *   told apart: not counted as coming up (its pool's counters decide).
 *
 * `v1beta2Conditions` are the new-style conditions (v1beta2 `status.conditions`
 * or v1beta1 `status.v1beta2.conditions`), `v1beta1Conditions` the old ones
 * (v1beta1 `status.conditions`), when the object has them.
 */
export function isMachineStarting(
  object: unknown,
  v1beta2Conditions: unknown[],
  v1beta1Conditions: unknown[],
): boolean {
  const status = at(object, 'status');
  const phase = str(at(status, 'phase'));
  const hasNode = Boolean(str(at(status, 'nodeRef', 'name')));
  if (phase && STARTING_PHASES.includes(phase)) return true;
  if (phase && ENDED_PHASES.includes(phase)) return false;
  if (!phase && !hasNode) return true;
  const availability =
    find(v1beta2Conditions, 'Available') ?? find(v1beta1Conditions, 'Ready');
  if (!availability) return false;
  if (str(at(availability, 'status')) === 'True') return false;
  const since = millis(at(availability, 'lastTransitionTime'));
  const firstStatus = millis(
    at(find(v1beta2Conditions, 'Deleting'), 'lastTransitionTime'),
  );
  const created = millis(at(object, 'metadata', 'creationTimestamp'));
  if (since === undefined) return false;
  if (firstStatus !== undefined)
    return since <= firstStatus + SAME_RECONCILE_MS;
  return created !== undefined && since <= created + AFTER_CREATION_MS;
}

/**
 * Whether the Machine itself reports being available (v1beta2 `Available`,
 * else the v1beta1 `Ready` of older CAPI); undefined when it reports neither.
 * Its pool's and its Cluster's counters roll this up one reconcile later.
 */
export function isMachineAvailable(
  v1beta2Conditions: unknown[],
  v1beta1Conditions: unknown[],
): boolean | undefined {
  const availability =
    find(v1beta2Conditions, 'Available') ?? find(v1beta1Conditions, 'Ready');
  return availability ? str(at(availability, 'status')) === 'True' : undefined;
}

/** The conditions of a Machine in both styles, by the version it was read at. */
export function machineConditions(
  status: unknown,
  readAsV1beta1: boolean,
): { v1beta2: unknown[]; v1beta1: unknown[] } {
  return readAsV1beta1
    ? {
        v1beta2: list(at(status, 'v1beta2', 'conditions')),
        v1beta1: list(at(status, 'conditions')),
      }
    : {
        v1beta2: list(at(status, 'conditions')),
        v1beta1: list(at(status, 'deprecated', 'v1beta1', 'conditions')),
      };
}
