import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError } from '@backstage/errors';
import { FolderSnapshot, snapshotFolder } from './folderFiles';
import { GitCommandError, GitHttpAuth, runGit } from './runGit';
import { classifyPushFailure, refusedPushError } from './pushRefusal';
import {
  MISSING_BRANCH,
  checkoutParent,
  fetchBranch,
  findMarker,
  type GitIn,
  type PublishedCommit,
} from './stepHistory';

/** Writes the wanted state into a checked-out tree; called again on every retry. */
export type ApplyChange = (worktree: string) => Promise<void>;

export interface PublishResult {
  /** Commit at the tip of the branch after publishing (new or unchanged). */
  commitSha: string;
  branch: string;
  /** False when the branch already held exactly this result. */
  changed: boolean;
  attempts: number;
}

export interface GitopsRepositoryOptions {
  /** What git clones and pushes: a path, file:// URL or https URL. */
  remoteUrl: string;
  author: { name: string; email: string };
  auth?: GitHttpAuth;
  /**
   * Attempts at pushing before giving up on concurrent pushes. Default 30:
   * with 20 publishes racing into one branch, 10 was seen to run out.
   */
  maxAttempts?: number;
  /** First back-off delay; doubles per attempt, fully jittered. Default 200 ms. */
  retryBaseDelayMs?: number;
  /** Upper bound of a back-off delay. Default 5 s. */
  retryMaxDelayMs?: number;
  /** Where temporary clones go; default the OS temp dir. */
  tempDir?: string;
  /** Time a single git command may take. Default 120 s. */
  timeoutMs?: number;
  /**
   * Commits searched for a step's earlier commit (its marker) when a step
   * re-runs. Default 100.
   */
  historyDepth?: number;
}

/** Cancels git commands when the task is aborted. */
export interface GitCallOptions {
  signal?: AbortSignal;
}

export type { PublishedCommit } from './stepHistory';

/** A folder as read for a change. */
export interface FolderRead {
  /** Commit whose tree was read: the tip, or the parent of {@link FolderRead.published}. */
  commitSha: string;
  /** Undefined when the folder does not exist there. */
  files: FolderSnapshot | undefined;
  /** The step's own commit from an earlier run; `files` is then the state it changed. */
  published?: PublishedCommit;
}

/**
 * The GitOps repository, worked on through the git binary in throw-away
 * shallow clones. Publishing commits a change to a branch and pushes it; a
 * push rejected because someone else pushed first is retried on the new
 * tip, re-applying the change, with bounded, jittered back-off.
 */
export class GitopsRepository {
  readonly #options: Required<Omit<GitopsRepositoryOptions, 'auth'>> & {
    auth?: GitHttpAuth;
  };
  #signal: AbortSignal | undefined;

  static create(options: GitopsRepositoryOptions): GitopsRepository {
    return new GitopsRepository(options);
  }

  private constructor(options: GitopsRepositoryOptions) {
    this.#options = {
      maxAttempts: 30,
      retryBaseDelayMs: 200,
      retryMaxDelayMs: 5000,
      tempDir: os.tmpdir(),
      timeoutMs: 120_000,
      historyDepth: 100,
      ...options,
    };
  }

  /** The same repository, with git commands cancelled by `signal`. */
  withSignal(signal: AbortSignal | undefined): GitopsRepository {
    const copy = new GitopsRepository(this.#options);
    copy.#signal = signal;
    return copy;
  }

  #git(args: string[], cwd?: string) {
    return runGit(args, {
      cwd,
      auth: this.#options.auth,
      timeoutMs: this.#options.timeoutMs,
      signal: this.#signal,
    });
  }

  /** git in one checkout, for the step history helpers. */
  #gitIn(dir: string): GitIn {
    return args => this.#git(args, dir);
  }

  #commitIdentity() {
    const { name, email } = this.#options.author;
    return [
      '-c',
      `user.name=${name}`,
      '-c',
      `user.email=${email}`,
      '-c',
      'commit.gpgsign=false',
    ];
  }

  async #withClone<T>(
    branch: string,
    fn: (dir: string, branchExists: boolean) => Promise<T>,
    depth = 1,
  ): Promise<T> {
    const dir = await fs.mkdtemp(
      path.join(this.#options.tempDir, 'capstan-gitops-'),
    );
    try {
      const branchExists = await this.#clone(dir, branch, depth);
      return await fn(dir, branchExists);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  /** Shallow clone of one branch; an empty clone on that branch when it doesn't exist yet. */
  async #clone(dir: string, branch: string, depth: number): Promise<boolean> {
    try {
      await this.#git([
        'clone',
        '--quiet',
        '--depth',
        String(depth),
        '--single-branch',
        '--branch',
        branch,
        '--',
        this.#options.remoteUrl,
        dir,
      ]);
      return true;
    } catch (error) {
      if (
        !(error instanceof GitCommandError) ||
        !MISSING_BRANCH.test(error.stderr)
      ) {
        throw error;
      }
      await this.#git(['init', '--quiet', dir]);
      await this.#git(
        ['remote', 'add', 'origin', this.#options.remoteUrl],
        dir,
      );
      await this.#git(['checkout', '--quiet', '--orphan', branch], dir);
      return false;
    }
  }

  /** Whether a path exists at the tip of a branch. */
  async exists(branch: string, repoPath: string): Promise<boolean> {
    return this.#withClone(branch, async (dir, branchExists) => {
      if (!branchExists) {
        return false;
      }
      const out = await this.#git(
        ['ls-tree', '--name-only', 'HEAD', '--', repoPath],
        dir,
      );
      return out.trim().length > 0;
    });
  }

  /** Names of the folders directly inside `repoPath` at the tip of a branch. */
  async listFolders(branch: string, repoPath: string): Promise<string[]> {
    return this.#withClone(branch, async (dir, branchExists) => {
      if (!branchExists) {
        return [];
      }
      const out = await this.#git(
        ['ls-tree', '-d', '--name-only', `HEAD:${repoPath}`],
        dir,
      ).catch(() => '');
      return out.split('\n').filter(Boolean);
    });
  }

  /**
   * The regular files of a folder at the tip of a branch (undefined when the
   * branch does not exist). With a `marker`, looks for this step's commit
   * from an earlier run first (on the pull request branch `head`, then on
   * `branch`) and, when found, reads the folder as it was before it.
   */
  async readFolder(
    branch: string,
    repoPath: string,
    options: { marker?: string; head?: string } = {},
  ): Promise<FolderRead | undefined> {
    const { marker, head } = options;
    const depth = marker ? this.#options.historyDepth : 1;
    return this.#withClone(
      branch,
      async (dir, branchExists) => {
        let published: FolderRead['published'];
        if (
          marker &&
          head &&
          (await fetchBranch(this.#gitIn(dir), head, depth))
        ) {
          const sha = await findMarker(
            this.#gitIn(dir),
            `refs/remotes/origin/${head}`,
            marker,
          );
          published = sha ? { commitSha: sha, branch: head } : undefined;
        }
        if (!branchExists && !published) {
          return undefined;
        }
        if (marker && !published && branchExists) {
          const sha = await findMarker(this.#gitIn(dir), 'HEAD', marker);
          published = sha ? { commitSha: sha, branch } : undefined;
        }
        if (published) {
          await checkoutParent(this.#gitIn(dir), published);
        }
        return {
          commitSha: (await this.#git(['rev-parse', 'HEAD'], dir)).trim(),
          files: await snapshotFolder(dir, repoPath),
          published,
        };
      },
      depth,
    );
  }

  /**
   * Applies a change on the tip of `branch` and pushes it there. Makes no
   * commit when the change leaves the tree as it is.
   */
  async publish(options: {
    branch: string;
    message: string;
    apply: ApplyChange;
  }): Promise<PublishResult> {
    const { branch, message, apply } = options;
    return this.#withClone(branch, async dir => {
      for (let attempt = 1; ; attempt++) {
        await apply(dir);
        await this.#git(['add', '--all', '--', '.'], dir);
        const clean = await this.#git(
          ['diff', '--cached', '--quiet'],
          dir,
        ).then(
          () => true,
          () => false,
        );
        if (clean) {
          const tip = await this.#git(
            ['rev-parse', '--verify', '--quiet', 'HEAD'],
            dir,
          ).catch(() => '');
          return {
            commitSha: tip.trim(),
            branch,
            changed: false,
            attempts: attempt,
          };
        }
        await this.#git(
          [...this.#commitIdentity(), 'commit', '--quiet', '-m', message],
          dir,
        );
        try {
          await this.#git(
            ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`],
            dir,
          );
          const sha = (await this.#git(['rev-parse', 'HEAD'], dir)).trim();
          return { commitSha: sha, branch, changed: true, attempts: attempt };
        } catch (error) {
          if (!(error instanceof GitCommandError)) {
            throw error;
          }
          const failure = classifyPushFailure(error.stderr);
          if (failure.kind === 'refused') {
            throw refusedPushError(branch, failure.serverMessage, 'commit');
          }
          if (failure.kind !== 'race') {
            throw error;
          }
          if (attempt >= this.#options.maxAttempts) {
            throw new ConflictError(
              `Pushing to ${branch} was rejected ${attempt} times because others pushed first; try again later`,
            );
          }
        }
        await this.#sleep(attempt);
        // Start again from the new tip; the change is applied afresh.
        await this.#git(
          ['fetch', '--quiet', '--depth', '1', 'origin', branch],
          dir,
        );
        await this.#git(['reset', '--quiet', '--hard', 'FETCH_HEAD'], dir);
        await this.#git(['clean', '--quiet', '-fdx'], dir);
      }
    });
  }

  /**
   * Applies a change on top of `base` and pushes it to `head` (a branch of
   * our own, for a pull request). When `head` exists the change is applied
   * on it instead, so a re-run with the same result pushes nothing.
   */
  async publishBranch(options: {
    base: string;
    head: string;
    message: string;
    apply: ApplyChange;
  }): Promise<PublishResult & { baseSha: string }> {
    const { base, head, message, apply } = options;
    return this.#withClone(base, async (dir, baseExists) => {
      if (!baseExists) {
        throw new ConflictError(
          `Branch ${base} does not exist in the GitOps repository`,
        );
      }
      const baseSha = (await this.#git(['rev-parse', 'HEAD'], dir)).trim();
      const headExists = await this.#git(
        ['fetch', '--quiet', '--depth', '1', 'origin', `refs/heads/${head}`],
        dir,
      ).then(
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
      if (headExists) {
        await this.#git(['reset', '--quiet', '--hard', 'FETCH_HEAD'], dir);
      }
      await apply(dir);
      await this.#git(['add', '--all', '--', '.'], dir);
      const clean = await this.#git(['diff', '--cached', '--quiet'], dir).then(
        () => true,
        () => false,
      );
      if (clean) {
        const sha = (await this.#git(['rev-parse', 'HEAD'], dir)).trim();
        return {
          commitSha: sha,
          branch: head,
          changed: false,
          attempts: 1,
          baseSha,
        };
      }
      await this.#git(
        [...this.#commitIdentity(), 'commit', '--quiet', '-m', message],
        dir,
      );
      await this.#git(
        ['push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${head}`],
        dir,
      ).catch(error => {
        const failure =
          error instanceof GitCommandError
            ? classifyPushFailure(error.stderr)
            : undefined;
        throw failure?.kind === 'refused'
          ? refusedPushError(head, failure.serverMessage, 'pull-request')
          : error;
      });
      const sha = (await this.#git(['rev-parse', 'HEAD'], dir)).trim();
      return {
        commitSha: sha,
        branch: head,
        changed: true,
        attempts: 1,
        baseSha,
      };
    });
  }

  #sleep(attempt: number): Promise<void> {
    const { retryBaseDelayMs, retryMaxDelayMs } = this.#options;
    const ceiling = Math.min(
      retryMaxDelayMs,
      retryBaseDelayMs * 2 ** (attempt - 1),
    );
    const delay = Math.random() * ceiling;
    return new Promise(resolve => setTimeout(resolve, delay));
  }
}

export { readFiles, writeFolder } from './folderFiles';
