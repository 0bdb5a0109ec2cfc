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
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof error.code === 'number' ? error.code : undefined;
          reject(new GitCommandError(args, redact(`${stderr}`, secrets), code));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}
