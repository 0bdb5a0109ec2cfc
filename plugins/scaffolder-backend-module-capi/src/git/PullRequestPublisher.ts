import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  DefaultGitlabCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import type { GitHttpAuth } from './runGit';

export interface PullRequestRequest {
  /** Branch with the change. */
  head: string;
  /** Branch to merge into. */
  base: string;
  title: string;
  body: string;
}

export interface PullRequestResult {
  url: string;
  number: number;
  /** False when an open pull request for the branch existed already. */
  created: boolean;
}

type FetchFn = typeof fetch;

interface HostClient {
  gitAuth(): Promise<GitHttpAuth | undefined>;
  open(request: PullRequestRequest): Promise<PullRequestResult>;
}

/** Default time one SCM API call may take. */
const DEFAULT_SCM_TIMEOUT_MS = 30_000;

/** A fetch that gives up after `timeoutMs` and when `signal` aborts. */
function boundedFetch(
  fetchFn: FetchFn,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): FetchFn {
  return async (input, init) => {
    const bound = AbortSignal.timeout(timeoutMs);
    try {
      return await fetchFn(input, {
        ...init,
        signal: signal ? AbortSignal.any([signal, bound]) : bound,
      });
    } catch (error) {
      if (signal?.aborted) {
        throw new Error('The SCM API call was cancelled: the task was aborted');
      }
      if (bound.aborted) {
        throw new Error(
          `The SCM API did not answer within ${Math.round(timeoutMs / 1000)} s`,
        );
      }
      throw error;
    }
  };
}

/** `owner/repo` (GitHub) or `group/sub/project` (GitLab) from a repository URL. */
function repositoryPath(repoUrl: string): string {
  const url = new URL(repoUrl);
  const repoPath = url.pathname.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  if (repoPath.split('/').length < 2) {
    throw new InputError(
      `${repoUrl} does not name a repository (expected https://host/owner/repo)`,
    );
  }
  return repoPath;
}

async function failure(response: Response, what: string): Promise<Error> {
  const text = await response.text().catch(() => '');
  let message = text.slice(0, 300);
  try {
    const body = JSON.parse(text);
    message = body.message ?? body.error ?? message;
    if (typeof message !== 'string') {
      message = JSON.stringify(message);
    }
  } catch {
    // not JSON: keep the text
  }
  return new Error(`${what} failed with HTTP ${response.status}: ${message}`);
}

/**
 * Opens pull requests (GitHub) and merge requests (GitLab) with the
 * credentials of Backstage's `integrations` config, and supplies the same
 * credentials to git for pushing. An open request for the same branch is
 * reused, so re-runs open nothing new.
 */
export class PullRequestPublisher {
  readonly #integrations: ScmIntegrationRegistry;
  readonly #fetch: FetchFn;
  readonly #timeoutMs: number;

  static create(options: {
    integrations: ScmIntegrationRegistry;
    fetch?: FetchFn;
    /** Time one SCM API call may take. Default 30 s. */
    timeoutMs?: number;
  }) {
    return new PullRequestPublisher(
      options.integrations,
      options.fetch ?? fetch,
      options.timeoutMs ?? DEFAULT_SCM_TIMEOUT_MS,
    );
  }

  private constructor(
    integrations: ScmIntegrationRegistry,
    fetchFn: FetchFn,
    timeoutMs: number,
  ) {
    this.#integrations = integrations;
    this.#fetch = fetchFn;
    this.#timeoutMs = timeoutMs;
  }

  /** Credentials git should send to an https remote; undefined for local repos. */
  async gitAuth(repoUrl: string): Promise<GitHttpAuth | undefined> {
    if (!/^https?:\/\//.test(repoUrl)) {
      return undefined;
    }
    return this.#client(repoUrl)?.gitAuth();
  }

  async openPullRequest(
    repoUrl: string,
    request: PullRequestRequest,
    signal?: AbortSignal,
  ): Promise<PullRequestResult> {
    const client = /^https?:\/\//.test(repoUrl)
      ? this.#client(repoUrl, signal)
      : undefined;
    if (!client) {
      throw new InputError(
        `No GitHub or GitLab integration is configured for ${repoUrl}; pull-request mode needs one in the integrations config`,
      );
    }
    return client.open(request);
  }

  #client(repoUrl: string, signal?: AbortSignal): HostClient | undefined {
    const fetchFn = boundedFetch(this.#fetch, this.#timeoutMs, signal);
    const github = this.#integrations.github.byUrl(repoUrl);
    if (github) {
      return this.#githubClient(repoUrl, github.config.apiBaseUrl, fetchFn);
    }
    const gitlab = this.#integrations.gitlab.byUrl(repoUrl);
    if (gitlab) {
      return this.#gitlabClient(repoUrl, gitlab.config.apiBaseUrl, fetchFn);
    }
    return undefined;
  }

  #githubClient(
    repoUrl: string,
    apiBaseUrl: string | undefined,
    fetchFn: FetchFn,
  ): HostClient {
    const [owner, repo] = repositoryPath(repoUrl).split('/');
    const credentials = () =>
      DefaultGithubCredentialsProvider.fromIntegrations(
        this.#integrations,
      ).getCredentials({
        url: repoUrl,
      });
    const base = apiBaseUrl ?? 'https://api.github.com';
    const headers = async () => ({
      ...(await credentials()).headers,
      Accept: 'application/vnd.github+json',
      'Content-Type': 'application/json',
    });
    return {
      async gitAuth() {
        const { token } = await credentials();
        return token
          ? { username: 'x-access-token', password: token }
          : undefined;
      },
      async open(request) {
        const response = await fetchFn(`${base}/repos/${owner}/${repo}/pulls`, {
          method: 'POST',
          headers: await headers(),
          body: JSON.stringify({
            title: request.title,
            head: request.head,
            base: request.base,
            body: request.body,
          }),
        });
        if (response.status === 201) {
          const pr = await response.json();
          return { url: pr.html_url, number: pr.number, created: true };
        }
        if (response.status === 422) {
          // GitHub answers 422 when an open pull request for the branch exists.
          const query = new URLSearchParams({
            head: `${owner}:${request.head}`,
            base: request.base,
            state: 'open',
          });
          const existing = await fetchFn(
            `${base}/repos/${owner}/${repo}/pulls?${query}`,
            {
              headers: await headers(),
            },
          );
          if (existing.ok) {
            const [pr] = await existing.json();
            if (pr) {
              return { url: pr.html_url, number: pr.number, created: false };
            }
          }
        }
        throw await failure(
          response,
          `Opening a pull request on ${owner}/${repo}`,
        );
      },
    };
  }

  #gitlabClient(
    repoUrl: string,
    apiBaseUrl: string,
    fetchFn: FetchFn,
  ): HostClient {
    const project = encodeURIComponent(repositoryPath(repoUrl));
    const credentials = () =>
      DefaultGitlabCredentialsProvider.fromIntegrations(
        this.#integrations,
      ).getCredentials({
        url: repoUrl,
      });
    const headers = async () => ({
      ...(await credentials()).headers,
      'Content-Type': 'application/json',
    });
    return {
      async gitAuth() {
        const { token } = await credentials();
        return token ? { username: 'oauth2', password: token } : undefined;
      },
      async open(request) {
        const response = await fetchFn(
          `${apiBaseUrl}/projects/${project}/merge_requests`,
          {
            method: 'POST',
            headers: await headers(),
            body: JSON.stringify({
              source_branch: request.head,
              target_branch: request.base,
              title: request.title,
              description: request.body,
              remove_source_branch: true,
            }),
          },
        );
        if (response.status === 201) {
          const mr = await response.json();
          return { url: mr.web_url, number: mr.iid, created: true };
        }
        if (response.status === 409) {
          // GitLab answers 409 when an open merge request for the branch exists.
          const query = new URLSearchParams({
            source_branch: request.head,
            target_branch: request.base,
            state: 'opened',
          });
          const existing = await fetchFn(
            `${apiBaseUrl}/projects/${project}/merge_requests?${query}`,
            { headers: await headers() },
          );
          if (existing.ok) {
            const [mr] = await existing.json();
            if (mr) {
              return { url: mr.web_url, number: mr.iid, created: false };
            }
          }
        }
        throw await failure(
          response,
          `Opening a merge request on ${decodeURIComponent(project)}`,
        );
      },
    };
  }
}
