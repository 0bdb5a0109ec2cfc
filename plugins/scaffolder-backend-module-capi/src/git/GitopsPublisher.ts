import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { GitopsConfig } from '@capstan/plugin-capi-node';
import {
  ApplyChange,
  GitopsRepository,
  GitopsRepositoryOptions,
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
}

export interface GitopsPublishResult {
  commitSha: string;
  branch: string;
  changed: boolean;
  pullRequestUrl?: string;
}

export type RetryOptions = Pick<
  GitopsRepositoryOptions,
  'maxAttempts' | 'retryBaseDelayMs' | 'retryMaxDelayMs'
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
  }): GitopsPublisher {
    return new GitopsPublisher(
      options.gitops,
      PullRequestPublisher.create({
        integrations: options.integrations,
        fetch: options.fetch,
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

  async #repository(): Promise<GitopsRepository> {
    const remoteUrl = this.#gitops.cloneUrl ?? this.#gitops.repoUrl;
    return GitopsRepository.create({
      remoteUrl,
      author: this.#gitops.author,
      auth: await this.#pullRequests.gitAuth(remoteUrl),
      ...this.#retry,
    });
  }

  async exists(repoPath: string): Promise<boolean> {
    return (await this.#repository()).exists(this.#gitops.branch, repoPath);
  }

  async readFolder(repoPath: string) {
    return (await this.#repository()).readFolder(this.#gitops.branch, repoPath);
  }

  async publish(request: GitopsPublishRequest): Promise<GitopsPublishResult> {
    const repository = await this.#repository();
    const mode = request.mode ?? this.#gitops.publishMode;
    if (mode === 'commit') {
      const result = await repository.publish({
        branch: this.#gitops.branch,
        message: request.message,
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
      message: request.message,
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
    const pr = await this.#pullRequests.openPullRequest(this.#gitops.repoUrl, {
      head: request.pullRequestBranch,
      base: this.#gitops.branch,
      title: request.title,
      body: request.body,
    });
    return {
      commitSha: pushed.commitSha,
      branch: pushed.branch,
      changed: pushed.changed,
      pullRequestUrl: pr.url,
    };
  }
}
