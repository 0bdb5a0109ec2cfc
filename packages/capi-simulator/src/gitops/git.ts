import { spawn } from 'node:child_process';

/** Runs git and returns stdout; rejects with git's stderr on failure. */
export function git(
  args: string[],
  options: { cwd?: string; input?: string } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', chunk => out.push(chunk));
    child.stderr!.on('data', chunk => err.push(chunk));
    child.on('error', reject);
    child.on('close', code => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new Error(
            `git ${args[0]} failed: ${
              Buffer.concat(err).toString('utf8').trim() || `exit code ${code}`
            }`,
          ),
        );
    });
    if (child.stdin) {
      // git may exit before reading everything (e.g. on a bad revision); its exit code tells.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
  });
}

/** Reads many blobs with one `git cat-file --batch`. */
export async function readBlobs(
  gitDir: string,
  revision: string,
  paths: string[],
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (paths.length === 0) return files;
  const output = await git(['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: paths.map(p => `${revision}:${p}\n`).join(''),
  });
  let offset = 0;
  for (const path of paths) {
    const headerEnd = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8');
    const [, type, size] = header.split(' ');
    offset = headerEnd + 1;
    if (type !== 'blob') {
      continue;
    }
    const length = Number(size);
    files.set(path, output.subarray(offset, offset + length).toString('utf8'));
    offset += length + 1;
  }
  return files;
}

/** Hides credentials in a repository URL (`https://user:token@host/...`), for status and errors. */
export function redactRepoUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}
