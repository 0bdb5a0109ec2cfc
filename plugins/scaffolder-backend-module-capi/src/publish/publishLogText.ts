import type { GitopsPublishResult } from '../git/GitopsPublisher';

/**
 * The task log's sentences about publishing a change. `change` is the
 * commit's subject ("upgrade cluster payments-prod to v1.34.1"), quoted so
 * that the sentence reads whatever it says.
 */
export const publishLogText = {
  dryRun: (change: string) =>
    `Dry run: the change "${change}" passed every check; nothing was pushed to Git.`,

  published(change: string, result: GitopsPublishResult): string {
    if (result.pullRequestUrl) {
      return `Opened pull request ${result.pullRequestUrl} for the change "${change}" (commit ${result.commitSha} on branch ${result.branch}).`;
    }
    return `Committed the change "${change}" to branch ${result.branch} (commit ${result.commitSha}).`;
  },

  alreadyPublished(change: string, result: GitopsPublishResult): string {
    const pr = result.pullRequestUrl
      ? `, pull request ${result.pullRequestUrl}`
      : '';
    return `Already published by an earlier run of this step: the change "${change}" is commit ${result.commitSha} on branch ${result.branch}${pr}. Nothing new was pushed.`;
  },

  unchanged: (change: string, result: GitopsPublishResult) =>
    `Nothing to publish for the change "${change}": branch ${result.branch} already holds it.`,
};
