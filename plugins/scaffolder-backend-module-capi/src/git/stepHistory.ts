import { ConflictError } from '@backstage/errors';
import { GitCommandError } from './runGit';

/** Runs git in one checkout. */
export type GitIn = (args: string[]) => Promise<string>;

/** This step's commit from an earlier run, found by its marker. */
export interface PublishedCommit {
  commitSha: string;
  branch: string;
}

export const MISSING_BRANCH =
  /Remote branch .* not found|couldn't find remote ref|not found in upstream/i;

/** Fetches `depth` commits of a branch into `refs/remotes/origin/<name>`; false when it does not exist. */
export async function fetchBranch(
  git: GitIn,
  name: string,
  depth: number,
): Promise<boolean> {
  return git([
    'fetch',
    '--quiet',
    '--depth',
    String(depth),
    'origin',
    `+refs/heads/${name}:refs/remotes/origin/${name}`,
  ]).then(
    () => true,
    error => {
      if (
        error instanceof GitCommandError &&
        MISSING_BRANCH.test(error.stderr)
      ) {
        return false;
      }
      throw error;
    },
  );
}

/** The newest commit reachable from `rev` whose message holds `marker`. */
export async function findMarker(
  git: GitIn,
  rev: string,
  marker: string,
): Promise<string | undefined> {
  const out = await git([
    'log',
    '--max-count=1',
    '--format=%H',
    '--fixed-strings',
    `--grep=${marker}`,
    rev,
    '--',
  ]);
  return out.trim() || undefined;
}

/** Checks out the state a published commit changed (its first parent). */
export async function checkoutParent(
  git: GitIn,
  published: PublishedCommit,
): Promise<void> {
  const parent = `${published.commitSha}^`;
  const hasParent = () =>
    git(['rev-parse', '--verify', '--quiet', `${parent}^{commit}`]).then(
      () => true,
      () => false,
    );
  if (!(await hasParent())) {
    await git([
      'fetch',
      '--quiet',
      '--deepen=1',
      'origin',
      published.branch,
    ]).catch(() => undefined);
  }
  if (!(await hasParent())) {
    throw new ConflictError(
      `Commit ${published.commitSha} of this step has no parent to compare with`,
    );
  }
  await git(['checkout', '--quiet', '--detach', parent]);
}
