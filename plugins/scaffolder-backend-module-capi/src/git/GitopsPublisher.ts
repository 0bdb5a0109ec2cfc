import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { GitopsConfig } from '@capstan/plugin-capi-node';
import {
  ApplyChange,
  FolderRead,
  GitopsRepository,
  GitopsRepositoryOptions,
  PublishedCommit,
} from './GitopsRepository';
import { PullRequestPublisher } from './PullRequestPublisher';

export interface GitopsPublishRequest {
  apply: ApplyChange;
  /** Commit message. */
  message: string;
  /** Pull request title and body (pull-request mode). */
  title: string;
  body: string;
  /** Branch for the pull request; stable per task so a re-run reuses it. */
  pullRequestBranch: string;
  /** Overrides the configured publish mode. */
  mode?: GitopsConfig['publishMode'];
  /**
   * A line unique to the step run (task, step, input), added to the commit
   * message; a re-run finds its earlier commit by it.
   */
  marker: string;
  signal?: AbortSignal;
}

/** Where to look for a step's earlier commit. */
export interface StepLookup {
  marker?: string;
  pullRequestBranch?: string;
  mode?: GitopsConfig['publishMode'];
  signal?: AbortSignal;
}

export interface GitopsPublishResult {
  commitSha: string;
  branch: string;
  changed: boolean;
  pullRequestUrl?: string;
}

export type RetryOptions = Pick<
  GitopsRepositoryOptions,
  | 'maxAttempts'
  | 'retryBaseDelayMs'
  | 'retryMaxDelayMs'
  | 'timeoutMs'
  | 'historyDepth'
>;

/**
 * The configured GitOps repository (`capi.gitops`): reads cluster folders
 * and publishes changes by commit or pull request.
 */
export class GitopsPublisher {
  readonly #gitops: GitopsConfig;
  readonly #pullRequests: PullRequestPublisher;
  readonly #retry: RetryOptions;

  static create(options: {
    gitops: GitopsConfig;
    integrations: ScmIntegrationRegistry;
    retry?: RetryOptions;
    fetch?: typeof fetch;
    /** Time an SCM API call may take. Default 30 s. */
    scmTimeoutMs?: number;
  }): GitopsPublisher {
    return new GitopsPublisher(
      options.gitops,
      PullRequestPublisher.create({
        integrations: options.integrations,
        fetch: options.fetch,
        timeoutMs: options.scmTimeoutMs,
      }),
      options.retry ?? {},
    );
  }

  private constructor(
    gitops: GitopsConfig,
    pullRequests: PullRequestPublisher,
    retry: RetryOptions,
  ) {
    this.#gitops = gitops;
    this.#pullRequests = pullRequests;
    this.#retry = retry;
  }

  get config(): GitopsConfig {
    return this.#gitops;
  }

  async #repository(signal?: AbortSignal): Promise<GitopsRepository> {
    const remoteUrl = this.#gitops.cloneUrl ?? this.#gitops.repoUrl;
    return GitopsRepository.create({
      remoteUrl,
      author: this.#gitops.author,
      auth: await this.#pullRequests.gitAuth(remoteUrl),
      ...this.#retry,
    }).withSignal(signal);
  }

  async exists(repoPath: string, signal?: AbortSignal): Promise<boolean> {
    return (await this.#repository(signal)).exists(
      this.#gitops.branch,
      repoPath,
    );
  }

  async listFolders(repoPath: string, signal?: AbortSignal) {
    return (await this.#repository(signal)).listFolders(
      this.#gitops.branch,
      repoPath,
    );
  }

  /**
   * A folder at the tip of the configured branch; with a `step`, the folder
   * as it was before that step's commit when an earlier run made one.
   */
  async readFolder(
    repoPath: string,
    step?: StepLookup,
  ): Promise<FolderRead | undefined> {
    const mode = step?.mode ?? this.#gitops.publishMode;
    return (await this.#repository(step?.signal)).readFolder(
      this.#gitops.branch,
      repoPath,
      {
        marker: step?.marker,
        head: mode === 'pull-request' ? step?.pullRequestBranch : undefined,
      },
    );
  }

  /**
   * The result of a step that published in an earlier run: its commit, and
   * in pull-request mode its (reused, never a second) pull request.
   */
  async resumePublished(
    published: PublishedCommit,
    request: Pick<GitopsPublishRequest, 'title' | 'body' | 'signal'>,
  ): Promise<GitopsPublishResult> {
    if (published.branch === this.#gitops.branch) {
      return { ...published, changed: true };
    }
    const pr = await this.#pullRequests.openPullRequest(
      this.#gitops.repoUrl,
      {
        head: published.branch,
        base: this.#gitops.branch,
        title: request.title,
        body: request.body,
      },
      request.signal,
    );
    return { ...published, changed: true, pullRequestUrl: pr.url };
  }

  async publish(request: GitopsPublishRequest): Promise<GitopsPublishResult> {
    const repository = await this.#repository(request.signal);
    const mode = request.mode ?? this.#gitops.publishMode;
    const message = `${request.message}\n\n${request.marker}`;
    if (mode === 'commit') {
      const result = await repository.publish({
        branch: this.#gitops.branch,
        message,
        apply: request.apply,
      });
      return {
        commitSha: result.commitSha,
        branch: result.branch,
        changed: result.changed,
      };
    }
    if (!/^https?:\/\//.test(this.#gitops.repoUrl)) {
      throw new InputError(
        `pull-request mode needs an https GitHub or GitLab repoUrl; ${
          this.#gitops.repoUrl
        } is local`,
      );
    }
    const pushed = await repository.publishBranch({
      base: this.#gitops.branch,
      head: request.pullRequestBranch,
      message,
      apply: request.apply,
    });
    if (pushed.commitSha === pushed.baseSha) {
      // Nothing differs from the base branch: there is nothing to review.
      return {
        commitSha: pushed.commitSha,
        branch: this.#gitops.branch,
        changed: false,
      };
    }
    const pr = await this.#pullRequests.openPullRequest(
      this.#gitops.repoUrl,
      {
        head: request.pullRequestBranch,
        base: this.#gitops.branch,
        title: request.title,
        body: request.body,
      },
      request.signal,
    );
    return {
      commitSha: pushed.commitSha,
      branch: pushed.branch,
      changed: pushed.changed,
      pullRequestUrl: pr.url,
    };
  }
}
