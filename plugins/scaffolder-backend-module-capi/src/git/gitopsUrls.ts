import type { GitopsConfig } from '@capstan/plugin-capi-node';

/**
 * Refuses `capi.gitops.repoUrl` / `cloneUrl` values that carry credentials
 * (`https://user:token@host/…`, `https://token@host/…`), at startup: such a
 * URL would end up in task outputs, logs and error messages. Git hosts get
 * their credentials from Backstage's `integrations` config instead. The
 * error does not repeat the URL.
 */
export function assertNoUrlCredentials(
  config: Pick<GitopsConfig, 'repoUrl' | 'cloneUrl'>,
): void {
  for (const [key, value] of [
    ['repoUrl', config.repoUrl],
    ['cloneUrl', config.cloneUrl],
  ] as const) {
    if (!value || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      continue;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      continue;
    }
    const isHttp = url.protocol === 'http:' || url.protocol === 'https:';
    if (url.password || (isHttp && url.username)) {
      throw new Error(
        `capi.gitops.${key} must not contain credentials (user name, password or token before "@"); configure the token for the host in integrations.github or integrations.gitlab instead`,
      );
    }
  }
}
