import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type {
  ChangeRequestStore,
  TrackedChangeRequest,
} from './ChangeRequestStore';
import { changeRequestStageInWords } from '@capstan/plugin-capi-common';
import { workLeft, type LiveCluster } from './liveProgress';
import { nextStage, type StageObservation } from './nextStage';
import type {
  PullRequestState,
  PullRequestStates,
} from './PullRequestStateReader';

export interface ChangeRequestTrackerOptions {
  store: ChangeRequestStore;
  logger: LoggerService;
  /** The live cluster as the watch cache has it. */
  live(clusterId: string): LiveCluster;
  /** The GitOps branch as last read; `unmirrored` without a mirror. */
  git(): StageObservation['git'];
  /** Asks for a fresh read of the branch (rate limited by the mirror). */
  refreshGit?(): void;
  pullRequests?: PullRequestStates;
  /** Told the clusters whose requests moved, to signal their cards. */
  onChange?(clusterIds: string[]): void;
  /**
   * A request that makes no progress for this long (rollouts, not reviews)
   * fails. Progress is a new stage or, while machines change, fewer machine
   * steps left (see `workLeft`), so a rollout of many machines may take
   * longer as long as machines keep coming up. Default 30 min.
   */
  stuckAfterMs?: number;
  /** How often one pull request's state is asked for. Default 60 s. */
  pullRequestPollMs?: number;
  /** Pull request lookups per pass, at most. Default 10. */
  maxPullRequestChecksPerPass?: number;
  now?: () => number;
}

/**
 * Follows every open change request through its stages: asks the Git host
 * for pull request state (at a bounded rate), the GitOps mirror for the
 * branch, and the watch cache for the live objects, and records each
 * stage reached with its time.
 */
export class ChangeRequestTracker {
  readonly #o: ChangeRequestTrackerOptions;
  #running?: Promise<void>;
  /**
   * Per open request: the least work left seen in its stage and when.
   * Kept in memory: after a restart a rollout's clock starts again.
   */
  #progress = new Map<string, { stage: string; left: number; at: number }>();

  static create(options: ChangeRequestTrackerOptions): ChangeRequestTracker {
    return new ChangeRequestTracker(options);
  }

  private constructor(options: ChangeRequestTrackerOptions) {
    this.#o = options;
  }

  get stuckAfterMs(): number {
    return this.#o.stuckAfterMs ?? 30 * 60_000;
  }

  /** One pass over the open requests; concurrent calls share one pass. */
  pass(): Promise<void> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async schedule(
    scheduler: SchedulerService,
    frequencyMs: number,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'capi-change-requests',
      frequency: { milliseconds: frequencyMs },
      timeout: { minutes: 2 },
      // Every instance may pass: a stage is only moved from the stage read.
      scope: 'local',
      fn: async () => {
        await this.pass().catch(error =>
          this.#o.logger.warn(`Following change requests failed: ${error}`),
        );
      },
    });
  }

  async #pullRequestState(
    request: TrackedChangeRequest,
    now: number,
    budget: { left: number },
  ): Promise<PullRequestState | undefined> {
    const { pullRequests } = this.#o;
    if (
      !pullRequests ||
      !request.pullRequestUrl ||
      request.mode !== 'pull-request' ||
      (request.stage !== 'requested' && request.stage !== 'pr-open')
    ) {
      return undefined;
    }
    const every = this.#o.pullRequestPollMs ?? 60_000;
    if (
      request.pullRequestCheckedAt !== undefined &&
      now - request.pullRequestCheckedAt < every
    ) {
      return undefined;
    }
    if (budget.left <= 0) return undefined;
    budget.left -= 1;
    await this.#o.store.markPullRequestChecked(request.id, now);
    return pullRequests.stateOf(request.pullRequestUrl);
  }

  /** The request's last progress while machines change, if it is rolling out. */
  #progressMark(
    request: TrackedChangeRequest,
    o: StageObservation,
    now: number,
  ) {
    if (request.stage !== 'applied' && request.stage !== 'rolling-out') {
      return undefined;
    }
    const left = workLeft(request.desired, o.live.summary);
    const seen = this.#progress.get(request.id);
    if (seen?.stage !== request.stage) {
      return left === undefined
        ? undefined
        : { stage: request.stage, left, at: now };
    }
    return left !== undefined && left < seen.left
      ? { stage: request.stage, left, at: now }
      : seen;
  }

  async #pass(): Promise<void> {
    const { store } = this.#o;
    const now = (this.#o.now ?? Date.now)();
    const budget = { left: this.#o.maxPullRequestChecksPerPass ?? 10 };
    const git = this.#o.git();
    const moved = new Set<string>();
    let gitWanted = false;
    const open = await store.listOpen();
    const progress = new Map<
      string,
      { stage: string; left: number; at: number }
    >();
    for (const request of open) {
      const observation: StageObservation = {
        git,
        live: this.#o.live(request.clusterId),
        pullRequest: await this.#pullRequestState(request, now, budget),
      };
      const mark = this.#progressMark(request, observation, now);
      if (mark) progress.set(request.id, mark);
      const advance = nextStage(
        request,
        observation,
        now,
        this.stuckAfterMs,
        mark?.at,
      );
      if (!advance) {
        if (
          (request.stage === 'requested' && request.mode === 'commit') ||
          request.stage === 'merged'
        ) {
          gitWanted = true;
        }
        continue;
      }
      if (await store.advance(request, advance)) {
        moved.add(request.clusterId);
        const last = advance.stages[advance.stages.length - 1];
        this.#o.logger.info(
          `Change request ${request.id} (${request.kind} of ${
            request.clusterId
          }) is now ${changeRequestStageInWords(last.stage)}${
            advance.reason ? `: ${advance.reason}` : ''
          }`,
        );
      }
    }
    this.#progress = progress;
    if (gitWanted) this.#o.refreshGit?.();
    if (moved.size > 0) this.#o.onChange?.([...moved]);
  }
}
