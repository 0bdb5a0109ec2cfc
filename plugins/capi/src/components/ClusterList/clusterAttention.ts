import type { ClusterWithoutMachines } from '@capstan/plugin-capi-common';

/** Why a cluster needs a look, most urgent first; `undefined` when it does not. */
export type AttentionReason =
  | 'failing'
  | 'stale'
  | 'in-progress'
  | 'recent-change'
  | 'overdue'
  | 'drifted';

const RANK: Record<AttentionReason, number> = {
  failing: 0,
  stale: 1,
  'in-progress': 2,
  'recent-change': 3,
  overdue: 4,
  drifted: 5,
};

/** What the list says next to a cluster that needs a look. */
export const ATTENTION_LABELS: Record<AttentionReason, string> = {
  failing: 'failing',
  stale: 'data stale',
  'in-progress': 'change in progress',
  'recent-change': 'changed just now',
  overdue: 'patches overdue',
  drifted: 'differs from Git',
};

const IN_PROGRESS = new Set([
  'Provisioning',
  'Upgrading',
  'RollingOut',
  'Scaling',
  'Deleting',
]);

/** How far the cluster's change requests are, when known. */
export type ChangeActivity = 'open' | 'ended' | undefined;

/**
 * The most urgent reason to look at a cluster: a failure, stale data, a
 * change under way (a rollout, or a change request not yet done), one that
 * just ended, overdue patches, a difference from Git.
 */
export function attentionOf(
  cluster: ClusterWithoutMachines,
  changes?: ChangeActivity,
): AttentionReason | undefined {
  if (cluster.status === 'Failed' || cluster.status === 'Degraded') {
    return 'failing';
  }
  if (cluster.stale) return 'stale';
  if (IN_PROGRESS.has(cluster.status) || cluster.rollingOut) {
    return 'in-progress';
  }
  if (changes === 'open') return 'in-progress';
  if (changes === 'ended') return 'recent-change';
  if (cluster.patch.overdue > 0) return 'overdue';
  if (
    cluster.drift?.state === 'drifted' ||
    cluster.drift?.state === 'missing'
  ) {
    return 'drifted';
  }
  return undefined;
}

/**
 * Clusters with a change request first (open ones, then those that just
 * ended): whoever asked for a change follows it on the card, however many
 * other clusters fail. Then those that need a look (most urgent first),
 * then the others; by name (then id) within each group, so the order is
 * stable across reloads.
 */
export function byAttention<T extends ClusterWithoutMachines>(
  clusters: readonly T[],
  changesOf: (cluster: T) => ChangeActivity = () => undefined,
): T[] {
  const changeRank = (c: T) => {
    const changes = changesOf(c);
    if (changes === 'open') return 0;
    return changes === 'ended' ? 1 : 2;
  };
  const rank = (c: T) => {
    const reason = attentionOf(c, changesOf(c));
    return reason ? RANK[reason] : Object.keys(RANK).length;
  };
  return [...clusters].sort(
    (a, b) =>
      changeRank(a) - changeRank(b) ||
      rank(a) - rank(b) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Names that occur more than once in the list: those clusters need their
 * namespace and management cluster beside the name to be told apart.
 */
export function ambiguousNames(
  clusters: readonly ClusterWithoutMachines[],
): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const c of clusters) {
    if (seen.has(c.name)) twice.add(c.name);
    seen.add(c.name);
  }
  return twice;
}

/** Where a cluster is: `namespace · management cluster`. */
export function placeOf(cluster: ClusterWithoutMachines): string {
  return `${cluster.namespace} · ${
    cluster.managementClusterTitle ?? cluster.managementCluster
  }`;
}
