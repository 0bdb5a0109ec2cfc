import type { ClusterCondition } from '@capstan/plugin-capi-common';
import {
  at,
  compact,
  intern,
  list,
  obj,
  SharedValues,
  str,
  time,
} from './read';

const STATUSES = new Set(['True', 'False', 'Unknown']);
const SEVERITIES = new Set(['Error', 'Warning', 'Info']);

const sharedConditions = new SharedValues<ClusterCondition>(20_000);
const sharedLists = new SharedValues<ClusterCondition[]>(20_000);

/*
 * Identical conditions (and condition lists) are common across a fleet:
 * objects reconciled together carry the same types, reasons and times. The
 * read model never mutates them, so one shared copy serves all.
 */

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
    // Joined, not a template: the key is kept, and a template's rope of
    // pieces would cost ~10 string nodes per condition.
    const key = [
      type,
      status,
      reason ?? '',
      message ?? '',
      lastTransitionTime ?? '',
      severity ?? '',
    ].join('\u0000');
    const condition: ClusterCondition = { type: intern(type), status };
    if (reason) condition.reason = intern(reason);
    if (message) condition.message = message;
    if (lastTransitionTime)
      condition.lastTransitionTime = intern(lastTransitionTime);
    if (severity) condition.severity = severity;
    result.push(sharedConditions.share(key, condition));
    keys.push(key);
  }
  return result.length === 0
    ? result
    : sharedLists.share(keys.join('\u0001'), compact(result));
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

/** Status of one condition type, if present. */
export function conditionStatus(
  conditions: ClusterCondition[],
  type: string,
): ClusterCondition['status'] | undefined {
  return conditions.find(c => c.type === type)?.status;
}
