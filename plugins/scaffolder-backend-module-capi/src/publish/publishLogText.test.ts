import { publishLogText } from './publishLogText';

const sha = '0123456789abcdef0123456789abcdef01234567';
const change = 'add node pool gpu to onprem-fra/clusters/payments-prod';

describe('publishLogText', () => {
  it('says what was committed where, as a sentence', () => {
    expect(
      publishLogText.published(change, {
        commitSha: sha,
        branch: 'main',
        changed: true,
      }),
    ).toBe(`Committed the change "${change}" to branch main (commit ${sha}).`);
  });

  it('names the pull request it opened', () => {
    expect(
      publishLogText.published(change, {
        commitSha: sha,
        branch: 'capstan/add-pool-1',
        changed: true,
        pullRequestUrl: 'https://git.example.com/gitops/pull/7',
      }),
    ).toBe(
      `Opened pull request https://git.example.com/gitops/pull/7 for the change "${change}" (commit ${sha} on branch capstan/add-pool-1).`,
    );
  });

  it('reads as sentences for a dry run, a rerun and a change already in Git', () => {
    const result = { commitSha: sha, branch: 'main', changed: false };
    const lines = [
      publishLogText.dryRun(change),
      publishLogText.alreadyPublished(change, result),
      publishLogText.unchanged(change, result),
    ];
    for (const line of lines) {
      expect(line).toMatch(/^[A-Z].*\.$/);
      expect(line).toContain(`"${change}"`);
    }
    expect(lines[0]).toBe(
      `Dry run: the change "${change}" passed every check; nothing was pushed to Git.`,
    );
  });
});
