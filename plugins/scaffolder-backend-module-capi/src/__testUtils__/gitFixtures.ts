import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGit } from '../git/runGit';

const IDENTITY = [
  '-c',
  'user.name=Test',
  '-c',
  'user.email=test@example.com',
  '-c',
  'commit.gpgsign=false',
];

/** A bare repository on disk with one commit on `main` holding `files`. */
export async function createBareRepo(
  root: string,
  files: Record<string, string> = { 'README.md': '# GitOps\n' },
): Promise<string> {
  const bare = path.join(root, 'gitops.git');
  await runGit(['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'capstan-seed-'));
  try {
    await runGit(['init', '--quiet', '--initial-branch=main', work]);
    for (const [name, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(work, name)), { recursive: true });
      await fs.writeFile(path.join(work, name), content);
    }
    await runGit(['add', '-A'], { cwd: work });
    await runGit([...IDENTITY, 'commit', '--quiet', '-m', 'seed'], {
      cwd: work,
    });
    await runGit(['push', '--quiet', bare, 'HEAD:refs/heads/main'], {
      cwd: work,
    });
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  return bare;
}

/** Commit subjects on a branch, newest first. */
export async function commitSubjects(
  bare: string,
  branch = 'main',
): Promise<string[]> {
  const out = await runGit(['--git-dir', bare, 'log', '--format=%s', branch]);
  return out.trim().split('\n').filter(Boolean);
}

/** A file's content at the tip of a branch, or undefined. */
export async function showFile(bare: string, file: string, branch = 'main') {
  return runGit(['--git-dir', bare, 'show', `${branch}:${file}`]).catch(
    () => undefined,
  );
}

/** Paths of all files at the tip of a branch. */
export async function listFiles(
  bare: string,
  branch = 'main',
): Promise<string[]> {
  const out = await runGit([
    '--git-dir',
    bare,
    'ls-tree',
    '-r',
    '--name-only',
    branch,
  ]);
  return out.trim().split('\n').filter(Boolean);
}

/** Every ref of a repository with the commit it points at: a change shows in any new commit or branch. */
export async function allRefs(bare: string): Promise<string[]> {
  const out = await runGit([
    '--git-dir',
    bare,
    'for-each-ref',
    '--format=%(refname) %(objectname)',
  ]);
  return out.trim().split('\n').filter(Boolean).sort();
}

/** Commits whatever `edit` does in a clone of `main` (links, modes, binaries included). */
export async function commitRaw(
  bare: string,
  message: string,
  edit: (dir: string) => Promise<void>,
): Promise<void> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'capstan-raw-'));
  try {
    await runGit(['clone', '--quiet', '--branch', 'main', bare, work]);
    await edit(work);
    await runGit(['add', '-A'], { cwd: work });
    await runGit([...IDENTITY, 'commit', '--quiet', '-m', message], {
      cwd: work,
    });
    await runGit(['push', '--quiet', 'origin', 'HEAD:refs/heads/main'], {
      cwd: work,
    });
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** `mode type sha path` of every entry below a folder at the tip of main. */
export async function treeEntries(bare: string, folder: string) {
  const out = await runGit([
    '--git-dir',
    bare,
    'ls-tree',
    '-r',
    'main',
    '--',
    folder,
  ]);
  return out.trim().split('\n').filter(Boolean);
}
