import type { ClusterCondition } from '@capstan/plugin-capi-common';
import { at, intern, list, obj, str, time } from './read';

const STATUSES = new Set(['True', 'False', 'Unknown']);
const SEVERITIES = new Set(['Error', 'Warning', 'Info']);

/** Turns a v1beta2 (`metav1.Condition`) or v1beta1 condition list into the read model. */
export function readConditions(value: unknown): ClusterCondition[] {
  const result: ClusterCondition[] = [];
  for (const item of list(value)) {
    const c = obj(item);
    const type = str(c?.type);
    if (!c || !type) {
      continue;
    }
    const status = str(c.status);
    const condition: ClusterCondition = {
      type: intern(type),
      status:
        status && STATUSES.has(status)
          ? (status as ClusterCondition['status'])
          : 'Unknown',
    };
    const reason = str(c.reason);
    const message = str(c.message);
    const lastTransitionTime = time(c.lastTransitionTime);
    const severity = str(c.severity);
    if (reason) condition.reason = reason;
    if (message)
      condition.message =
        message.length > 1000 ? `${message.slice(0, 1000)}…` : message;
    if (lastTransitionTime) condition.lastTransitionTime = lastTransitionTime;
    if (severity && SEVERITIES.has(severity)) {
      condition.severity = severity as ClusterCondition['severity'];
    }
    result.push(condition);
  }
  return result;
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
 * Conditions where True means work in progress or a state, not health; they
 * are never a failure headline.
 */
const NEGATIVE_POLARITY = new Set([
  'RollingOut',
  'ScalingUp',
  'ScalingDown',
  'Remediating',
  'Deleting',
  'Paused',
  'Progressing',
]);

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
  return condition.status === 'False' && !NEGATIVE_POLARITY.has(condition.type);
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
