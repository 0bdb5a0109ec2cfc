import { configApiRef, useApi } from '@backstage/core-plugin-api';

/** `capi.gitops.commitUrl`: a commit's page in the Git host's UI, `{sha}` replaced. */
export const COMMIT_URL_CONFIG_KEY = 'capi.gitops.commitUrl';

/**
 * The page of a commit of the GitOps repository, from the configured
 * template; undefined without one.
 */
export function commitUrlOf(
  template: string | undefined,
  sha: string,
): string | undefined {
  return template?.replace(/\{sha\}/g, encodeURIComponent(sha));
}

/** The configured commit URL template, if any. */
export function useCommitUrlTemplate(): string | undefined {
  return useApi(configApiRef).getOptionalString(COMMIT_URL_CONFIG_KEY);
}
