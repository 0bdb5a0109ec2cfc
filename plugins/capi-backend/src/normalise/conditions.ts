import {
  ClusterCondition,
  isConditionFailing,
} from '@capstan/plugin-capi-common';
import { at, intern, list, obj, str, time } from './read';

const STATUSES = new Set(['True', 'False', 'Unknown']);
const SEVERITIES = new Set(['Error', 'Warning', 'Info']);

const MAX_SHARED = 20_000;
const sharedConditions = new Map<string, ClusterCondition>();
const sharedLists = new Map<string, ClusterCondition[]>();

/**
 * Identical conditions (and condition lists) are common across a fleet:
 * objects reconciled together carry the same types, reasons and times. The
 * read model never mutates them, so one shared copy serves all. Bounded
 * like string interning: when full, sharing starts over.
 */
function share<T>(pool: Map<string, T>, key: string, value: T): T {
  const existing = pool.get(key);
  if (existing !== undefined) return existing;
  if (pool.size >= MAX_SHARED) pool.clear();
  pool.set(key, value);
  return value;
}

/** Turns a v1beta2 (`metav1.Condition`) or v1beta1 condition list into the read model. */
export function readConditions(value: unknown): ClusterCondition[] {
  const result: ClusterCondition[] = [];
  const keys: string[] = [];
  for (const item of list(value)) {
    const c = obj(item);
    const type = str(c?.type);
    if (!c || !type) {
      continue;
    }
    const rawStatus = str(c.status);
    const status: ClusterCondition['status'] =
      rawStatus && STATUSES.has(rawStatus)
        ? (rawStatus as ClusterCondition['status'])
        : 'Unknown';
    const reason = str(c.reason);
    const rawMessage = str(c.message);
    const message =
      rawMessage && rawMessage.length > 1000
        ? `${rawMessage.slice(0, 1000)}…`
        : rawMessage;
    const lastTransitionTime = time(c.lastTransitionTime);
    const rawSeverity = str(c.severity);
    const severity =
      rawSeverity && SEVERITIES.has(rawSeverity)
        ? (rawSeverity as ClusterCondition['severity'])
        : undefined;
    const key = `${type}\u0000${status}\u0000${reason ?? ''}\u0000${
      message ?? ''
    }\u0000${lastTransitionTime ?? ''}\u0000${severity ?? ''}`;
    const condition: ClusterCondition = { type: intern(type), status };
    if (reason) condition.reason = intern(reason);
    if (message) condition.message = message;
    if (lastTransitionTime)
      condition.lastTransitionTime = intern(lastTransitionTime);
    if (severity) condition.severity = severity;
    result.push(share(sharedConditions, key, condition));
    keys.push(key);
  }
  return result.length === 0
    ? result
    : share(sharedLists, keys.join('\u0001'), result);
}

/**
 * The conditions of an object read at `apiVersion`: v1beta2 objects carry
 * them in `status.conditions` (older ones in `status.deprecated.v1beta1`),
 * v1beta1 objects carry the new-style ones in `status.v1beta2.conditions`,
 * which are preferred because they follow the v1beta2 semantics.
 */
export function conditionsOf(
  object: unknown,
  apiVersion: string,
): ClusterCondition[] {
  if (apiVersion === 'v1beta1') {
    const v1beta2 = readConditions(
      at(object, 'status', 'v1beta2', 'conditions'),
    );
    return v1beta2.length > 0
      ? v1beta2
      : readConditions(at(object, 'status', 'conditions'));
  }
  const current = readConditions(at(object, 'status', 'conditions'));
  return current.length > 0
    ? current
    : readConditions(
        at(object, 'status', 'deprecated', 'v1beta1', 'conditions'),
      );
}

/**
 * Root causes first; summary conditions (`Available`, `Ready`) last, since
 * they only repeat what a more specific condition says.
 */
const PRIORITY = [
  'InfrastructureReady',
  'InfrastructureProvisioned',
  'BootstrapConfigReady',
  'ControlPlaneInitialized',
  'ControlPlaneAvailable',
  'ControlPlaneReady',
  'EtcdClusterHealthy',
  'ControlPlaneComponentsHealthy',
  'CertificatesAvailable',
  'RemoteConnectionProbe',
  'NodeHealthy',
  'NodeReady',
  'WorkersAvailable',
  'MachinesReady',
  'MachineSetReady',
  'TopologyReconciled',
  'MachinesUpToDate',
  'UpToDate',
];
const SUMMARY = ['Available', 'Ready'];
const SEVERITY_RANK: Record<string, number> = { Error: 0, Warning: 1, Info: 2 };

function rank(condition: ClusterCondition): number {
  const index = PRIORITY.indexOf(condition.type);
  if (index >= 0) {
    return index;
  }
  const summary = SUMMARY.indexOf(condition.type);
  return summary >= 0 ? 1000 + summary : 500;
}

/** Whether a condition reports a failure. */
export function isFailing(condition: ClusterCondition): boolean {
  return isConditionFailing(condition);
}

/**
 * The most important failing condition: v1beta1 severity first (Error,
 * Warning, Info), then root causes before summaries.
 */
export function pickHeadline(
  conditions: ClusterCondition[],
): ClusterCondition | undefined {
  let best: ClusterCondition | undefined;
  for (const condition of conditions) {
    if (!isFailing(condition)) {
      continue;
    }
    if (!best) {
      best = condition;
      continue;
    }
    const a = SEVERITY_RANK[condition.severity ?? 'Error'];
    const b = SEVERITY_RANK[best.severity ?? 'Error'];
    if (a < b || (a === b && rank(condition) < rank(best))) {
      best = condition;
    }
  }
  return best;
}

/** Status of one condition type, if present. */
export function conditionStatus(
  conditions: ClusterCondition[],
  type: string,
): ClusterCondition['status'] | undefined {
  return conditions.find(c => c.type === type)?.status;
}
