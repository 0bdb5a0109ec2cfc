import { conditionHealthIn, StatusVerdict } from '../status';
import type { ClusterCondition } from '../types';

/** A condition as CAPI reports it, with a v1beta1 severity where it matters. */
export const c = (
  type: string,
  status: ClusterCondition['status'],
  reason?: string,
  severity?: ClusterCondition['severity'],
): ClusterCondition => ({
  type,
  status,
  ...(reason ? { reason } : {}),
  ...(severity ? { severity } : {}),
});

/** A verdict as a person reads it: its status, and whether its headline reads as a failure. */
export function reading(v: StatusVerdict) {
  return {
    status: v.status,
    failureHeadline: v.headline
      ? conditionHealthIn(v.headline, v.status) === 'failing'
      : false,
  };
}

/** Work in progress, with no failure headline. */
export const inProgress = (status: string) => ({
  status,
  failureHeadline: false,
});

/** The rest of a provisioned Cluster's status input while its Kubernetes version changes. */
export const base = {
  phase: 'Provisioned',
  deleting: false,
  controlPlaneInitialized: true,
  versionChanging: true,
};
