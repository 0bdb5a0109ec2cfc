import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type {
  ChangeRequestStore,
  TrackedChangeRequest,
} from './ChangeRequestStore';
import type { LiveCluster } from './liveProgress';
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
  /** A stage held longer than this (rollouts, not reviews) fails the request. Default 30 min. */
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

  async #pass(): Promise<void> {
    const { store } = this.#o;
    const now = (this.#o.now ?? Date.now)();
    const budget = { left: this.#o.maxPullRequestChecksPerPass ?? 10 };
    const git = this.#o.git();
    const moved = new Set<string>();
    let gitWanted = false;
    for (const request of await store.listOpen()) {
      const observation: StageObservation = {
        git,
        live: this.#o.live(request.clusterId),
        pullRequest: await this.#pullRequestState(request, now, budget),
      };
      const advance = nextStage(request, observation, now, this.stuckAfterMs);
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
          }) is now ${last.stage}${
            advance.reason ? `: ${advance.reason}` : ''
          }`,
        );
      }
    }
    if (gitWanted) this.#o.refreshGit?.();
    if (moved.size > 0) this.#o.onChange?.([...moved]);
  }
}
