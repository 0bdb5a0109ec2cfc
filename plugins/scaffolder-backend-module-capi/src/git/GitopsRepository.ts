import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError } from '@backstage/errors';
import { GitCommandError, GitHttpAuth, runGit } from './runGit';

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
}

const REJECTED_PUSH =
  /\[rejected\]|\[remote rejected\]|non-fast-forward|fetch first|cannot lock ref|failed to update ref|incorrect old value/i;
const MISSING_BRANCH =
  /Remote branch .* not found|couldn't find remote ref|not found in upstream/i;

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

  static create(options: GitopsRepositoryOptions): GitopsRepository {
    return new GitopsRepository(options);
  }

  private constructor(options: GitopsRepositoryOptions) {
    this.#options = {
      maxAttempts: 30,
      retryBaseDelayMs: 200,
      retryMaxDelayMs: 5000,
      tempDir: os.tmpdir(),
      ...options,
    };
  }

  #git(args: string[], cwd?: string) {
    return runGit(args, { cwd, auth: this.#options.auth });
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
  ): Promise<T> {
    const dir = await fs.mkdtemp(
      path.join(this.#options.tempDir, 'capstan-gitops-'),
    );
    try {
      const branchExists = await this.#clone(dir, branch);
      return await fn(dir, branchExists);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  /** Shallow clone of one branch; an empty clone on that branch when it doesn't exist yet. */
  async #clone(dir: string, branch: string): Promise<boolean> {
    try {
      await this.#git([
        'clone',
        '--quiet',
        '--depth',
        '1',
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

  /**
   * The files of a folder at the tip of a branch, by path relative to the
   * folder; undefined when the folder does not exist.
   */
  async readFolder(
    branch: string,
    repoPath: string,
  ): Promise<{ commitSha: string; files: Record<string, string> } | undefined> {
    return this.#withClone(branch, async (dir, branchExists) => {
      if (!branchExists) {
        return undefined;
      }
      const folder = path.join(dir, repoPath);
      const stat = await fs.stat(folder).catch(() => undefined);
      if (!stat?.isDirectory()) {
        return undefined;
      }
      return {
        commitSha: (await this.#git(['rev-parse', 'HEAD'], dir)).trim(),
        files: await readFiles(folder),
      };
    });
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
          if (
            !(error instanceof GitCommandError) ||
            !REJECTED_PUSH.test(error.stderr)
          ) {
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
      );
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

/** All files below a folder, by relative path with `/` separators. */
export async function readFiles(
  folder: string,
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else if (entry.isFile()) {
        files[path.relative(folder, full).split(path.sep).join('/')] =
          await fs.readFile(full, 'utf8');
      }
    }
  };
  await walk(folder);
  return files;
}

/** Replaces a folder's content with exactly these files. */
export async function writeFolder(
  folder: string,
  files: Record<string, string>,
): Promise<void> {
  await fs.rm(folder, { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(folder, name);
    if (!target.startsWith(folder + path.sep)) {
      throw new Error(`File "${name}" would be written outside ${folder}`);
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content, 'utf8');
  }
}
