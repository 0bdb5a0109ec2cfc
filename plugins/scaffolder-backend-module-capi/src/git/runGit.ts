import { execFile } from 'node:child_process';

/** Credentials for an https remote; sent as an HTTP header, never in the URL. */
export interface GitHttpAuth {
  username: string;
  password: string;
}

/** A git command that failed, with its stderr (credentials redacted). */
export class GitCommandError extends Error {
  readonly stderr: string;
  readonly exitCode: number | undefined;

  constructor(args: string[], stderr: string, exitCode: number | undefined) {
    super(
      `git ${args[0]} failed: ${stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
    this.name = 'GitCommandError';
    this.stderr = stderr;
    this.exitCode = exitCode;
  }
}

export interface RunGitOptions {
  cwd?: string;
  auth?: GitHttpAuth;
  /** Secrets to blank out of error messages. */
  redact?: string[];
  /** Kills git after this long. Default 120 s. */
  timeoutMs?: number;
  /** Kills git when the task is cancelled. */
  signal?: AbortSignal;
}

/** Default time a single git command may take. */
export const DEFAULT_GIT_TIMEOUT_MS = 120_000;

/** Userinfo in a URL (`https://user:token@host`), blanked wherever a URL is shown. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
}

function redact(text: string, secrets: string[]): string {
  return secrets.filter(Boolean).reduce((t, s) => t.split(s).join('***'), text);
}

/**
 * Runs the git binary with an environment that ignores the machine's
 * credential helpers and prompts. Credentials travel in
 * `GIT_CONFIG_*` environment variables (not visible in the process list).
 */
export function runGit(
  args: string[],
  options: RunGitOptions = {},
): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'echo',
    LC_ALL: 'C',
  };
  const secrets = [...(options.redact ?? [])];
  if (options.auth) {
    const basic = Buffer.from(
      `${options.auth.username}:${options.auth.password}`,
    ).toString('base64');
    secrets.push(options.auth.password, basic);
    env.GIT_CONFIG_COUNT = '1';
    env.GIT_CONFIG_KEY_0 = 'http.extraHeader';
    env.GIT_CONFIG_VALUE_0 = `Authorization: Basic ${basic}`;
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
  const safeArgs = args.map(redactUrlCredentials);
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(
        new GitCommandError(safeArgs, 'cancelled before it started', undefined),
      );
      return;
    }
    execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        env,
        maxBuffer: 64 * 1024 * 1024,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        signal: options.signal,
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof error.code === 'number' ? error.code : undefined;
          let reason = redactUrlCredentials(redact(`${stderr}`, secrets));
          if (options.signal?.aborted) {
            reason = `cancelled (the task was aborted) ${reason}`;
          } else if (error.killed) {
            reason = `timed out after ${Math.round(
              timeoutMs / 1000,
            )} s ${reason}`;
          }
          reject(new GitCommandError(safeArgs, reason, code));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}
