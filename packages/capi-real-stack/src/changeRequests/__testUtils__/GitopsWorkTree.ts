import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseDocument, stringify } from 'yaml';

const run = promisify(execFile);

/** A clone of the GitOps repository for commits made by hand (not through Capstan). */
export class GitopsWorkTree {
  private constructor(private readonly dir: string) {}

  static async clone(bare: string, dir: string): Promise<GitopsWorkTree> {
    await run('git', ['clone', '--quiet', '--branch', 'main', bare, dir]);
    return new GitopsWorkTree(dir);
  }

  async #git(...args: string[]): Promise<string> {
    const { stdout } = await run('git', args, {
      cwd: this.dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'platform engineer',
        GIT_AUTHOR_EMAIL: 'platform@example.com',
        GIT_COMMITTER_NAME: 'platform engineer',
        GIT_COMMITTER_EMAIL: 'platform@example.com',
      },
    });
    return stdout.trim();
  }

  async #commit(file: string, message: string): Promise<string> {
    await this.#git('add', '--', file);
    await this.#git('commit', '--quiet', '-m', message);
    await this.#git('push', '--quiet', 'origin', 'main');
    return this.#git('rev-parse', 'HEAD');
  }

  /** Edits the first document of a YAML file at the tip of `main`; returns the pushed commit. */
  async edit(
    file: string,
    change: (doc: any) => void,
    message: string,
  ): Promise<string> {
    await this.#git('pull', '--quiet', '--ff-only', 'origin', 'main');
    const full = path.join(this.dir, file);
    const doc = parseDocument(fs.readFileSync(full, 'utf8'));
    const value = doc.toJS();
    change(value);
    fs.writeFileSync(full, stringify(value));
    return this.#commit(file, message);
  }

  /** Adds a file holding one object; returns the pushed commit. */
  async add(file: string, object: unknown, message: string): Promise<string> {
    await this.#git('pull', '--quiet', '--ff-only', 'origin', 'main');
    const full = path.join(this.dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, stringify(object));
    return this.#commit(file, message);
  }
}
