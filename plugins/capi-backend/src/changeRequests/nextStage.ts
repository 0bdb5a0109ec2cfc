import {
  conditionMessageText,
  type ChangeRequestStage,
} from '@capstan/plugin-capi-common';
import type { StageAdvance, TrackedChangeRequest } from './ChangeRequestStore';
import { liveProgressOf, type LiveCluster } from './liveProgress';
import type { PullRequestState } from './PullRequestStateReader';

/** What the tracker saw of one request's world in one pass. */
export interface StageObservation {
  /** Undefined when not asked for in this pass, or the host did not answer. */
  pullRequest?: PullRequestState;
  /**
   * The GitOps branch as the backend's mirror last read it; `unmirrored`
   * when no mirror runs (then a pushed commit counts as on the branch).
   */
  git: 'unmirrored' | { revision: string; fetchedAt: number } | undefined;
  live: LiveCluster;
}

/** Stages a rollout can get stuck in; a pull request waits for its reviewers. */
const CAN_STICK: ReadonlySet<ChangeRequestStage> = new Set([
  'requested',
  'merged',
  'in-git',
  'applied',
  'rolling-out',
]);

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 120) return `${minutes} min`;
  return `${Math.round(minutes / 60)} h`;
}

/**
 * Argo CD's refusal of this change: the Application covering the cluster's
 * folder (see the drift module) ended a sync operation in `Failed` or
 * `Error` for the change's commit, or after the change was recorded (after
 * the merge, for a pull request). Not "after `in-git`": Argo CD often syncs
 * (and fails) before the backend's mirror reads the branch, and it does
 * not retry a failed revision by itself. The same rule for every kind: a
 * cluster that is not live yet (a refused create) or no longer in Git (a
 * refused decommission) is judged by the Application of its folder too.
 * Undefined when Argo CD is not read or the failure is older than the change.
 */
function refusedSync(
  request: TrackedChangeRequest,
  o: StageObservation,
): string | undefined {
  const argocd = o.live.argocd ?? o.live.summary?.drift?.argocd;
  if (!argocd?.reason) return undefined;
  if (argocd.operationPhase !== 'Failed' && argocd.operationPhase !== 'Error') {
    return undefined;
  }
  const ofThisCommit =
    request.commitSha !== undefined && argocd.revision === request.commitSha;
  const since = Date.parse(request.stages.merged ?? request.requestedAt);
  const finished = argocd.finishedAt ? Date.parse(argocd.finishedAt) : NaN;
  if (!ofThisCommit && !(finished >= since)) return undefined;
  return `Argo CD could not apply the change (${argocd.application}): ${argocd.reason}`;
}

function inGit(request: TrackedChangeRequest, o: StageObservation): boolean {
  if (o.git === 'unmirrored') return true;
  if (!o.git) return false;
  if (request.commitSha && o.git.revision === request.commitSha) return true;
  // The push (commit mode) or merge (seen at `merged`) came before this
  // stage began; a branch read after that holds it.
  return o.git.fetchedAt >= Date.parse(request.stageSince);
}

/**
 * The one step a request takes now, if any: each pass moves a request by
 * at most one stage (a pull request's merge and the branch read may come
 * together), so every stage it passes is seen on the card.
 */
export function nextStage(
  request: TrackedChangeRequest,
  o: StageObservation,
  now: number,
  stuckAfterMs: number,
): StageAdvance | undefined {
  const to = (stage: ChangeRequestStage, reason?: string): StageAdvance => ({
    stages: [{ stage, at: now }],
    ...(reason ? { reason } : {}),
  });
  const live = () => liveProgressOf(request.desired, o.live);
  let moved: StageAdvance | undefined;
  let waitingFor: string | undefined;
  switch (request.stage) {
    case 'requested':
    case 'pr-open':
      if (request.mode === 'pull-request') {
        if (o.pullRequest === 'closed') {
          moved = to('closed', 'The pull request was closed without merging');
        } else if (o.pullRequest === 'merged') {
          moved =
            request.stage === 'requested'
              ? {
                  stages: [
                    { stage: 'pr-open', at: now },
                    { stage: 'merged', at: now },
                  ],
                }
              : to('merged');
        } else if (o.pullRequest === 'open' && request.stage === 'requested') {
          moved = to('pr-open');
        }
        break;
      }
      if (inGit(request, o)) moved = to('in-git');
      else waitingFor = 'the GitOps branch was not read since';
      break;
    case 'merged':
      if (inGit(request, o)) moved = to('in-git');
      else waitingFor = 'the GitOps branch was not read since';
      break;
    case 'in-git': {
      const refused = refusedSync(request, o);
      if (refused) {
        moved = to('failed', refused);
        break;
      }
      const p = live();
      if (p.state === 'pending') waitingFor = p.mismatch;
      else moved = to('applied');
      break;
    }
    case 'applied': {
      const p = live();
      if (p.state === 'complete') moved = to('done');
      else if (p.state === 'applied') moved = to('rolling-out');
      else waitingFor = p.mismatch;
      break;
    }
    case 'rolling-out': {
      const p = live();
      if (p.state === 'complete') moved = to('done');
      else waitingFor = p.state === 'applied' ? p.waitingFor : p.mismatch;
      break;
    }
    default:
      return undefined;
  }
  if (moved) return moved;
  const inStage = now - Date.parse(request.stageSince);
  if (CAN_STICK.has(request.stage) && inStage > stuckAfterMs) {
    const s = o.live.summary;
    const detail = [
      waitingFor,
      // CAPI's aggregated bullets on one line, as the card shows them.
      conditionMessageText(s?.headline?.message),
      s?.stale && s.staleReason && `management cluster stale: ${s.staleReason}`,
    ]
      .filter(Boolean)
      .join('; ');
    return to(
      'failed',
      `Stuck in ${request.stage} for more than ${formatDuration(stuckAfterMs)}${
        detail ? `: ${detail}` : ''
      }`,
    );
  }
  return undefined;
}
