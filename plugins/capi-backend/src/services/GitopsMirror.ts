import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { GitopsConfig } from '@capstan/plugin-capi-node';

/** Credentials for an https remote; sent as an HTTP header, never in the URL. */
export interface GitopsMirrorAuth {
  username: string;
  password: string;
}

/** What the mirror last read from the configured branch. */
export interface GitopsSnapshot {
  /** Commit the listing was read from. */
  revision: string;
  /** RFC 3339 */
  fetchedAt: string;
  /** Cluster folders, `clusters/<managementCluster>/<namespace>/<cluster>`. */
  folders: ReadonlySet<string>;
  /** YAML files in those folders: path → blob id (read them with `readBlobs`). */
  files: ReadonlyMap<string, string>;
}

/** Runs git with arguments, an environment and optional stdin; resolves with stdout. */
export type GitRunner = (
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
) => Promise<string>;

export interface GitopsMirrorOptions {
  gitops: Pick<GitopsConfig, 'repoUrl' | 'cloneUrl' | 'branch'>;
  logger: LoggerService;
  /** Credentials for https remotes, asked for on every fetch (tokens rotate). */
  auth?: () => Promise<GitopsMirrorAuth | undefined>;
  /** Where the bare clone lives; default a new folder under the OS temp dir. */
  workDir?: string;
  /** A refresh asked for on demand within this time of the last one is skipped. Default 5 s. */
  minRefreshIntervalMs?: number;
  runGit?: GitRunner;
  now?: () => number;
}

/** A cluster folder: exactly `clusters/<mc>/<namespace>/<name>` with DNS-label parts. */
const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const FOLDER_FILE = new RegExp(
  `^(clusters/${DNS_LABEL}/${DNS_LABEL}/${DNS_LABEL})/[^/]+\\.ya?ml$`,
);

/** Userinfo in a URL (`https://user:token@host`), blanked wherever a URL is shown. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
}

function defaultRunGit(args: string[], env: NodeJS.ProcessEnv, input?: string) {
  return new Promise<string>((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) =>
        error
          ? reject(
              Object.assign(new Error(`git ${args[0]} failed`), {
                stderr: `${stderr}`,
              }),
            )
          : resolve(stdout),
    );
    if (input !== undefined) {
      child.stdin?.on('error', () => {});
      child.stdin?.end(input);
    }
  });
}

/** Cluster folders in a `git ls-tree -r --name-only -z` listing. */
export function clusterFoldersOf(listing: string): Set<string> {
  const folders = new Set<string>();
  for (const path of listing.split('\0')) {
    const match = FOLDER_FILE.exec(path);
    if (match) folders.add(match[1]);
  }
  return folders;
}

/** YAML files of cluster folders in a `git ls-tree -r -z` listing: path → blob id. */
export function clusterFilesOf(listing: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, oid] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (
      type === 'blob' &&
      /^[0-9a-f]{40,64}$/.test(oid) &&
      FOLDER_FILE.test(path)
    ) {
      files.set(path, oid);
    }
  }
  return files;
}

/**
 * A read-only mirror of the GitOps repository's branch: a bare clone that is
 * fetched on a schedule and on demand, and the cluster folders it holds. It
 * never writes to the repository, and credentials never reach its logs or
 * errors.
 */
export class GitopsMirror {
  readonly #options: GitopsMirrorOptions;
  readonly #remote: string;
  readonly #runGit: GitRunner;
  readonly #listeners = new Set<(snapshot: GitopsSnapshot) => void>();
  #workDir?: string;
  #cloned = false;
  #snapshot?: GitopsSnapshot;
  #lastAttemptAt = 0;
  #running?: Promise<GitopsSnapshot | undefined>;
  #lastError?: string;

  static create(options: GitopsMirrorOptions): GitopsMirror {
    return new GitopsMirror(options);
  }

  private constructor(options: GitopsMirrorOptions) {
    this.#options = options;
    this.#remote = options.gitops.cloneUrl ?? options.gitops.repoUrl;
    this.#runGit = options.runGit ?? defaultRunGit;
  }

  /** The last listing read; undefined before the first successful fetch. */
  snapshot(): GitopsSnapshot | undefined {
    return this.#snapshot;
  }

  /** The last fetch's failure, credentials removed; undefined after a success. */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  /**
   * Whether a cluster folder is on the branch; undefined while the branch has
   * not been read yet. An unknown folder asks for a fresh read (rate limited),
   * so a cluster the template just created is found quickly.
   */
  hasFolder(path: string): boolean | undefined {
    const snapshot = this.#snapshot;
    if (!snapshot) return undefined;
    const found = snapshot.folders.has(path);
    if (!found) this.refreshSoon();
    return found;
  }

  /** Called with each listing that differs from the one before. */
  onChange(listener: (snapshot: GitopsSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A refresh unless one ran within the minimum interval; errors are logged. */
  refreshSoon(): void {
    const now = this.#options.now?.() ?? Date.now();
    if (
      this.#running ||
      now - this.#lastAttemptAt < (this.#options.minRefreshIntervalMs ?? 5_000)
    ) {
      return;
    }
    this.refresh().catch(() => {});
  }

  /** Fetches the branch now (concurrent calls share one fetch) and lists its cluster folders. */
  refresh(): Promise<GitopsSnapshot | undefined> {
    if (!this.#running) {
      this.#running = this.#refresh().finally(() => {
        this.#running = undefined;
      });
    }
    return this.#running;
  }

  async stop(): Promise<void> {
    await this.#running?.catch(() => {});
    this.#listeners.clear();
    if (this.#workDir && !this.#options.workDir) {
      await rm(this.#workDir, { recursive: true, force: true });
    }
  }

  /**
   * Contents of blobs of the last snapshot, by blob id (one `git cat-file
   * --batch`). Ids that are not blobs are left out.
   */
  async readBlobs(oids: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const wanted = [...new Set(oids)].filter(o => /^[0-9a-f]{40,64}$/.test(o));
    if (wanted.length === 0 || !this.#workDir) return result;
    const gitDir = join(this.#workDir, 'mirror.git');
    const output = Buffer.from(
      await this.#git(
        ['--git-dir', gitDir, 'cat-file', '--batch'],
        undefined,
        `${wanted.join('\n')}\n`,
      ),
      'utf8',
    );
    let offset = 0;
    for (const oid of wanted) {
      const headerEnd = output.indexOf(0x0a, offset);
      if (headerEnd < 0) break;
      const [headerOid, type, size] = output
        .subarray(offset, headerEnd)
        .toString('utf8')
        .split(' ');
      offset = headerEnd + 1;
      // Out of step (e.g. a file that is not UTF-8): stop rather than misread.
      if (headerOid !== oid) break;
      if (type !== 'blob') continue;
      const length = Number(size);
      result.set(
        oid,
        output.subarray(offset, offset + length).toString('utf8'),
      );
      offset += length + 1;
    }
    return result;
  }

  async #git(
    args: string[],
    auth?: GitopsMirrorAuth,
    input?: string,
  ): Promise<string> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: 'echo',
      LC_ALL: 'C',
    };
    const secrets: string[] = [];
    if (auth) {
      const basic = Buffer.from(`${auth.username}:${auth.password}`).toString(
        'base64',
      );
      secrets.push(auth.password, basic);
      // In the environment, not the argument list (visible to every process).
      env.GIT_CONFIG_COUNT = '1';
      env.GIT_CONFIG_KEY_0 = 'http.extraHeader';
      env.GIT_CONFIG_VALUE_0 = `Authorization: Basic ${basic}`;
    }
    try {
      return await this.#runGit(args, env, input);
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? '');
      let reason = stderr.trim().split('\n').slice(-2).join(' ');
      for (const secret of secrets.filter(Boolean)) {
        reason = reason.split(secret).join('***');
      }
      throw new Error(
        `git ${
          args.find(a => !a.startsWith('-')) ?? ''
        } of ${redactUrlCredentials(this.#remote)} failed: ${
          redactUrlCredentials(reason) || 'no output'
        }`,
      );
    }
  }

  async #refresh(): Promise<GitopsSnapshot | undefined> {
    this.#lastAttemptAt = this.#options.now?.() ?? Date.now();
    const { branch } = this.#options.gitops;
    try {
      const auth = await this.#options.auth?.();
      this.#workDir ??=
        this.#options.workDir ??
        (await mkdtemp(join(tmpdir(), 'capi-gitops-mirror-')));
      const gitDir = join(this.#workDir, 'mirror.git');
      if (!this.#cloned) {
        await rm(gitDir, { recursive: true, force: true });
        await this.#git(['init', '--quiet', '--bare', gitDir]);
        this.#cloned = true;
      }
      // Only the configured branch, into a ref of our own; `--` ends options.
      await this.#git(
        [
          '--git-dir',
          gitDir,
          'fetch',
          '--quiet',
          '--depth',
          '1',
          '--no-tags',
          '--',
          this.#remote,
          `+refs/heads/${branch}:refs/mirror/${branch}`,
        ],
        auth,
      );
      const revision = (
        await this.#git([
          '--git-dir',
          gitDir,
          'rev-parse',
          '--verify',
          `refs/mirror/${branch}^{commit}`,
        ])
      ).trim();
      if (revision === this.#snapshot?.revision) {
        this.#lastError = undefined;
        return this.#snapshot;
      }
      const listing = await this.#git([
        '--git-dir',
        gitDir,
        'ls-tree',
        '-r',
        '-z',
        revision,
        '--',
        'clusters/',
      ]);
      const files = clusterFilesOf(listing);
      const snapshot: GitopsSnapshot = {
        revision,
        fetchedAt: new Date(this.#lastAttemptAt).toISOString(),
        folders: new Set(
          [...files.keys()].map(path => path.slice(0, path.lastIndexOf('/'))),
        ),
        files,
      };
      this.#snapshot = snapshot;
      this.#lastError = undefined;
      for (const listener of this.#listeners) listener(snapshot);
      return snapshot;
    } catch (error) {
      const message = redactUrlCredentials((error as Error).message);
      if (message !== this.#lastError) {
        this.#options.logger.warn(
          `Reading the GitOps repository failed; cluster folders are as of ${
            this.#snapshot?.fetchedAt ?? 'never'
          }: ${message}`,
        );
      }
      this.#lastError = message;
      throw new Error(message);
    }
  }
}

/**
 * Credentials for the GitOps repository from `integrations.github` /
 * `integrations.gitlab` (a token for the repository's host); none for local
 * paths and file URLs.
 */
export function gitopsMirrorAuthFromConfig(
  config: Config,
  gitops: Pick<GitopsConfig, 'repoUrl' | 'cloneUrl'>,
): (() => Promise<GitopsMirrorAuth | undefined>) | undefined {
  const url = gitops.cloneUrl ?? gitops.repoUrl;
  if (!/^https:\/\//.test(url)) return undefined;
  const host = new URL(url).host;
  for (const [kind, username] of [
    ['github', 'x-access-token'],
    ['gitlab', 'oauth2'],
  ] as const) {
    const entry = config
      .getOptionalConfigArray(`integrations.${kind}`)
      ?.find(c => (c.getOptionalString('host') ?? `${kind}.com`) === host);
    const token = entry?.getOptionalString('token');
    if (token) return async () => ({ username, password: token });
  }
  return undefined;
}
