import type { Config } from '@backstage/config';
import type { GitopsConfig } from './types';

const DEFAULT_AUTHOR = { name: 'Capstan', email: 'capstan@backstage.invalid' };

/**
 * Reads `capi.gitops`; undefined when it is not configured. Throws an Error
 * naming the key when a value is invalid.
 *
 * @public
 */
export function readGitopsConfig(config: Config): GitopsConfig | undefined {
  const gitops = config.getOptionalConfig('capi.gitops');
  if (!gitops) {
    return undefined;
  }
  const repoUrl = gitops.getString('repoUrl').trim();
  const isUrl = /^(https?|file):\/\//.test(repoUrl);
  if (!isUrl && !repoUrl.startsWith('/')) {
    throw new Error(
      `Invalid capi.gitops.repoUrl "${repoUrl}": use an absolute path, a file:// URL or an https URL`,
    );
  }
  const publishMode = gitops.getOptionalString('publishMode') ?? 'commit';
  if (publishMode !== 'commit' && publishMode !== 'pull-request') {
    throw new Error(
      `Invalid capi.gitops.publishMode "${publishMode}": use "commit" or "pull-request"`,
    );
  }
  const branch = gitops.getOptionalString('branch') ?? 'main';
  if (!/^[A-Za-z0-9._/-]+$/.test(branch) || branch.startsWith('-')) {
    throw new Error(`Invalid capi.gitops.branch "${branch}"`);
  }
  return {
    repoUrl,
    cloneUrl: gitops.getOptionalString('cloneUrl'),
    branch,
    publishMode,
    webUrl: gitops.getOptionalString('webUrl'),
    author: {
      name: gitops.getOptionalString('author.name') ?? DEFAULT_AUTHOR.name,
      email: gitops.getOptionalString('author.email') ?? DEFAULT_AUTHOR.email,
    },
  };
}

/**
 * Link to a folder of the GitOps repository in the Git host's UI, from the
 * `webUrl` template; undefined without one.
 *
 * @public
 */
export function gitopsWebUrl(
  gitops: GitopsConfig,
  path: string,
): string | undefined {
  return gitops.webUrl
    ?.replace(/\{branch\}/g, encodeURIComponent(gitops.branch))
    .replace(/\{path\}/g, path.split('/').map(encodeURIComponent).join('/'));
}
