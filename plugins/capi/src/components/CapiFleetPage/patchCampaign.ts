import type {
  ClusterSummary,
  PatchPolicySummary,
} from '@capstan/plugin-capi-common';

export interface PatchCampaignProgress {
  /** Machines with a known patch state. */
  machines: number;
  /** Of those, patched at or after `since`. */
  patched: number;
  /** patched / machines; 0 when there are no machines. */
  share: number;
  /** RFC 3339: `since` plus the policy's security window. */
  deadline: string;
  /** Milliseconds until the deadline; negative once it has passed. */
  timeLeftMs: number;
  /** Clusters with machines still to patch, most remaining first. */
  remainingByCluster: Array<{
    clusterId: string;
    cluster: string;
    owner?: string;
    remaining: number;
  }>;
}

/**
 * Progress of a patch campaign that started at `since` (say, a security
 * release): how many machines were patched after it, and how long is left
 * before the policy calls the rest overdue. Computed from the machines the
 * fleet response carries.
 */
export function patchCampaignProgress(
  clusters: ClusterSummary[],
  since: Date,
  policy: PatchPolicySummary,
  now: number = Date.now(),
): PatchCampaignProgress {
  const sinceMs = since.getTime();
  let machines = 0;
  let patched = 0;
  const remainingByCluster: PatchCampaignProgress['remainingByCluster'] = [];
  for (const cluster of clusters) {
    let remaining = 0;
    for (const machine of cluster.machines) {
      // Machines without a node yet (provisioning) have nothing to patch.
      if (!machine.nodeName && machine.patch.state === 'unknown') continue;
      machines += 1;
      const last = machine.patch.lastPatched
        ? Date.parse(machine.patch.lastPatched)
        : NaN;
      if (!Number.isNaN(last) && last >= sinceMs) {
        patched += 1;
      } else {
        remaining += 1;
      }
    }
    if (remaining > 0) {
      remainingByCluster.push({
        clusterId: cluster.id,
        cluster: cluster.name,
        owner: cluster.owner,
        remaining,
      });
    }
  }
  remainingByCluster.sort((a, b) => b.remaining - a.remaining);
  const deadlineMs = sinceMs + policy.securityOverdueAfterHours * 3600_000;
  return {
    machines,
    patched,
    share: machines === 0 ? 0 : patched / machines,
    deadline: new Date(deadlineMs).toISOString(),
    timeLeftMs: deadlineMs - now,
    remainingByCluster,
  };
}
