import { promises as fs } from 'node:fs';
import path from 'node:path';
import { NotAllowedError } from '@backstage/errors';

/**
 * Throws when any existing component of `relPath` below `root` is a
 * symbolic link, or when the path would leave `root`. A GitOps repository
 * may hold committed links (`clusters/<mc>` → `/etc`); Capstan never reads,
 * writes or deletes through them.
 */
export async function assertNoLinks(
  root: string,
  relPath: string,
): Promise<void> {
  const normalised = path.posix.normalize(relPath.split(path.sep).join('/'));
  if (
    path.posix.isAbsolute(normalised) ||
    normalised === '..' ||
    normalised.startsWith('../')
  ) {
    throw new NotAllowedError(`${relPath} is outside the repository`);
  }
  let current = root;
  for (const part of normalised.split('/').filter(p => p && p !== '.')) {
    current = path.join(current, part);
    const stat = await fs.lstat(current).catch(() => undefined);
    if (!stat) {
      return;
    }
    if (stat.isSymbolicLink()) {
      throw new NotAllowedError(
        `${path
          .relative(root, current)
          .split(path.sep)
          .join(
            '/',
          )} is a symbolic link; Capstan does not read, write or delete through links`,
      );
    }
  }
}

/** A regular file of a folder, as bytes with its mode, by relative path. */
export interface FolderFile {
  content: Buffer;
  mode: number;
}

/** A folder's regular files by `/`-separated relative path; links are skipped. */
export type FolderSnapshot = Record<string, FolderFile>;

/** The regular files below a folder (which must not be reached through a link). */
export async function snapshotFolder(
  root: string,
  relPath: string,
): Promise<FolderSnapshot | undefined> {
  await assertNoLinks(root, relPath);
  const folder = path.join(root, relPath);
  const stat = await fs.lstat(folder).catch(() => undefined);
  if (!stat?.isDirectory()) {
    return undefined;
  }
  const files: FolderSnapshot = {};
  const walk = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else if (entry.isFile()) {
        const { mode } = await fs.lstat(full);
        files[path.relative(folder, full).split(path.sep).join('/')] = {
          content: await fs.readFile(full),
          mode: mode & 0o777,
        };
      }
    }
  };
  await walk(folder);
  return files;
}

/** All regular files below a folder as text, by relative path with `/` separators. */
export async function readFiles(
  folder: string,
): Promise<Record<string, string>> {
  const snapshot =
    (await snapshotFolder(path.dirname(folder), path.basename(folder))) ?? {};
  return Object.fromEntries(
    Object.entries(snapshot).map(([name, f]) => [
      name,
      f.content.toString('utf8'),
    ]),
  );
}

function targetOf(folder: string, name: string) {
  const target = path.join(folder, name);
  if (!target.startsWith(folder + path.sep)) {
    throw new NotAllowedError(
      `File "${name}" would be written outside ${folder}`,
    );
  }
  return target;
}

/**
 * Replaces a folder's content with exactly these files. `root` bounds the
 * link check: nothing on the way from `root` to the folder may be a link.
 */
export async function writeFolder(
  folder: string,
  files: Record<string, string | FolderFile>,
  root: string = path.dirname(folder),
): Promise<void> {
  await assertNoLinks(root, path.relative(root, folder));
  await fs.rm(folder, { recursive: true, force: true });
  for (const [name, file] of Object.entries(files)) {
    const target = targetOf(folder, name);
    await fs.mkdir(path.dirname(target), { recursive: true });
    if (typeof file === 'string') {
      await fs.writeFile(target, file, 'utf8');
    } else {
      await fs.writeFile(target, file.content, { mode: file.mode });
      await fs.chmod(target, file.mode);
    }
  }
}

/**
 * Rewrites one existing regular file in place: its mode and every other
 * file, link and binary of the folder stay as they are.
 */
export async function rewriteFile(
  root: string,
  relPath: string,
  content: string,
): Promise<void> {
  await assertNoLinks(root, relPath);
  await fs.writeFile(path.join(root, relPath), content, 'utf8');
}

/** Removes a folder that is not reached through a link. */
export async function removeFolder(
  root: string,
  relPath: string,
): Promise<void> {
  await assertNoLinks(root, relPath);
  await fs.rm(path.join(root, relPath), { recursive: true, force: true });
}
