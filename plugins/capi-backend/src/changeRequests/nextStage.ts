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

/**
 * What goes on in each stage a request can get stuck in, as the failure
 * names it; a pull request awaiting review never fails by time.
 */
function activityIn(request: TrackedChangeRequest): string | undefined {
  switch (request.stage) {
    case 'requested':
      return request.mode === 'pull-request'
        ? 'the pull request is looked for on the Git host'
        : 'the change is looked for on the GitOps branch';
    case 'merged':
      return 'the merged change is looked for on the GitOps branch';
    case 'in-git':
      return 'the change waits to be applied to the management cluster';
    case 'applied':
      return "the management cluster's controllers take up the change";
    case 'rolling-out':
      return 'the machines roll out';
    default:
      return undefined;
  }
}

/** One sentence: ends in a full stop. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

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
  return sentence(
    `Argo CD could not apply the change (Application ${argocd.application}): ${argocd.reason}`,
  );
}

/** Stages judged on the live cluster. */
const LIVE_STAGES: ReadonlySet<ChangeRequestStage> = new Set([
  'in-git',
  'applied',
  'rolling-out',
]);

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
  /** When the rollout last came closer to done, as the tracker saw it. */
  progressAt?: number,
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
          moved = to(
            'closed',
            'The pull request was closed without merging, so nothing changes.',
          );
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
      else waitingFor = 'the GitOps branch has not been read since the push';
      break;
    case 'merged':
      if (inGit(request, o)) moved = to('in-git');
      else waitingFor = 'the GitOps branch has not been read since the merge';
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
  const activity = activityIn(request);
  if (!activity) return undefined;
  // Nothing to judge before the cache has read the management cluster
  // (a backend that just started): the first read decides.
  if (!o.live.synced && LIVE_STAGES.has(request.stage)) return undefined;
  const since = Math.max(
    Date.parse(request.stageSince),
    progressAt ?? -Infinity,
  );
  if (now - since <= stuckAfterMs) return undefined;
  const s = o.live.summary;
  const detail = [
    waitingFor,
    // CAPI's aggregated bullets on one line, as the card shows them.
    conditionMessageText(s?.headline?.message).replace(/[.\s]+$/, ''),
    s?.stale &&
      `its management cluster has not been heard from${
        s.staleReason ? ` (${s.staleReason})` : ''
      }`,
  ]
    .filter(Boolean)
    .join('; ');
  return to(
    'failed',
    sentence(
      `No progress for ${formatDuration(stuckAfterMs)} while ${activity}${
        detail ? `: ${detail}` : ''
      }`,
    ),
  );
}
