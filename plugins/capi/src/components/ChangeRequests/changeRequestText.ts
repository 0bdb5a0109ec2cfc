import {
  CHANGE_REQUEST_STAGE_TITLES,
  type ChangeRequest,
  type ChangeRequestKind,
  type ChangeRequestStage,
  type ClusterWithoutMachines,
} from '@capstan/plugin-capi-common';

export const KIND_LABELS: Record<ChangeRequestKind, string> = {
  create: 'New cluster',
  upgrade: 'Kubernetes upgrade',
  'add-pool': 'Add node pool',
  'update-pool': 'Node pool change',
  'remove-pool': 'Remove node pool',
  decommission: 'Decommission',
};

/**
 * A cluster in words for a sentence: its name, and where it is only when a
 * namesake is on the page ("payments-staging in namespace clusters on
 * On-prem Frankfurt (vSphere)"); never the id `mc/namespace/name`.
 */
export function clusterInWords(
  cluster: Pick<
    ClusterWithoutMachines,
    'name' | 'namespace' | 'managementCluster' | 'managementClusterTitle'
  >,
  withPlace = false,
): string {
  if (!withPlace) return cluster.name;
  return `${cluster.name} in namespace ${cluster.namespace} on ${
    cluster.managementClusterTitle ?? cluster.managementCluster
  }`;
}

/** "Node pool change of payments-staging-00016": what a request changes. */
export function requestTitle(
  request: Pick<ChangeRequest, 'kind' | 'name'>,
  /** The cluster in words ({@link clusterInWords}); its name by default. */
  cluster: string = request.name,
): string {
  return `${KIND_LABELS[request.kind]} of ${cluster}`;
}

/** Each stage's title, defined once in capi-common. */
export const STAGE_LABELS: Readonly<Record<ChangeRequestStage, string>> =
  CHANGE_REQUEST_STAGE_TITLES;

/** The stages a request passes on its way, in order, ending where it ended. */
export function stagesOf(request: ChangeRequest): ChangeRequestStage[] {
  const path: ChangeRequestStage[] =
    request.mode === 'pull-request'
      ? ['requested', 'pr-open', 'merged', 'in-git', 'applied', 'rolling-out']
      : ['requested', 'in-git', 'applied', 'rolling-out'];
  if (request.stage === 'closed') {
    return [...path.slice(0, path.indexOf('merged')), 'closed'];
  }
  if (request.stage === 'failed') {
    // Up to the last stage reached, then the failure.
    const reached = path.filter(s => request.stages[s]);
    const last = path.indexOf(reached[reached.length - 1] ?? 'requested');
    return [...path.slice(0, last + 1), 'failed'];
  }
  return [...path, 'done'];
}

/** "3 min", "2 h", "5 s": how long ago, or how long something lasts. */
export function formatSince(from: string, now: number): string {
  const ms = Math.max(0, now - Date.parse(from));
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 2 * 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

const ENDED_STAGES: ReadonlySet<ChangeRequestStage> = new Set([
  'done',
  'failed',
  'closed',
]);

/** Whether a request has ended (done, failed or closed). */
export function hasEnded(request: Pick<ChangeRequest, 'stage'>): boolean {
  return ENDED_STAGES.has(request.stage);
}

/**
 * The stage and, while the request is under way, how long it has been in
 * it: `Rolling out for 3 min`, `Done`.
 */
export function stageText(
  request: Pick<ChangeRequest, 'stage' | 'stageSince'>,
  now: number,
): string {
  const label = STAGE_LABELS[request.stage];
  return hasEnded(request)
    ? label
    : `${label} for ${formatSince(request.stageSince, now)}`;
}

/** `user:default/mia` → `mia`. */
export function shortRef(ref: string | undefined): string {
  if (!ref) return 'unknown';
  return ref.replace(/^[^:]+:/, '').replace(/^default\//, '');
}
