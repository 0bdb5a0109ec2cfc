import {
  DefaultGithubCredentialsProvider,
  type ScmIntegrationRegistry,
} from '@backstage/integration';

/** Where a pull (GitHub) or merge (GitLab) request stands. */
export type PullRequestState = 'open' | 'merged' | 'closed';

/** Reads a pull request's state from its web URL. */
export interface PullRequestStates {
  /** Undefined when no integration covers the URL or the host did not answer. */
  stateOf(url: string): Promise<PullRequestState | undefined>;
}

const GITHUB_PR = /^\/([^/]+)\/([^/]+)\/pull\/(\d+)\/?$/;
const GITLAB_MR = /^\/(.+?)\/-\/merge_requests\/(\d+)\/?$/;

/**
 * Asks GitHub and GitLab through Backstage's `integrations` config (the
 * same credentials the scaffolder opened the request with). Answers
 * nothing rather than throwing: the tracker asks again later.
 */
export class PullRequestStateReader implements PullRequestStates {
  readonly #integrations: ScmIntegrationRegistry;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  static create(options: {
    integrations: ScmIntegrationRegistry;
    fetch?: typeof fetch;
    timeoutMs?: number;
  }): PullRequestStateReader {
    return new PullRequestStateReader(options);
  }

  private constructor(options: {
    integrations: ScmIntegrationRegistry;
    fetch?: typeof fetch;
    timeoutMs?: number;
  }) {
    this.#integrations = options.integrations;
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  async stateOf(url: string): Promise<PullRequestState | undefined> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    try {
      const github = this.#integrations.github.byUrl(url);
      const pr = GITHUB_PR.exec(parsed.pathname);
      if (github && pr) {
        const { headers } =
          await DefaultGithubCredentialsProvider.fromIntegrations(
            this.#integrations,
          ).getCredentials({ url: `${parsed.origin}/${pr[1]}/${pr[2]}` });
        const base = github.config.apiBaseUrl ?? 'https://api.github.com';
        const body = await this.#get(
          `${base}/repos/${pr[1]}/${pr[2]}/pulls/${pr[3]}`,
          { ...headers, Accept: 'application/vnd.github+json' },
        );
        if (!body) return undefined;
        if (body.merged === true || body.merged_at) return 'merged';
        return body.state === 'open' ? 'open' : 'closed';
      }
      const gitlab = this.#integrations.gitlab.byUrl(url);
      const mr = GITLAB_MR.exec(parsed.pathname);
      if (gitlab && mr) {
        const token = gitlab.config.token;
        const body = await this.#get(
          `${gitlab.config.apiBaseUrl}/projects/${encodeURIComponent(
            mr[1],
          )}/merge_requests/${mr[2]}`,
          token ? { Authorization: `Bearer ${token}` } : {},
        );
        if (!body) return undefined;
        if (body.state === 'merged') return 'merged';
        return body.state === 'opened' ? 'open' : 'closed';
      }
    } catch {
      return undefined;
    }
    return undefined;
  }

  async #get(
    url: string,
    headers: Record<string, string> | undefined,
  ): Promise<
    { state?: unknown; merged?: unknown; merged_at?: unknown } | undefined
  > {
    const response = await this.#fetch(url, {
      headers,
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
    if (!response.ok) return undefined;
    return (await response.json()) as {
      state?: unknown;
      merged?: unknown;
      merged_at?: unknown;
    };
  }
}
