import { promises as fs } from 'node:fs';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { writeFolder } from '../git/GitopsRepository';

/** Writes a cluster folder into the task workspace (replacing what was there). */
export async function writeWorkspaceFolder(
  workspacePath: string,
  folder: string,
  files: Record<string, string>,
): Promise<string[]> {
  const target = resolveSafeChildPath(workspacePath, folder);
  await writeFolder(target, files);
  return Object.keys(files).map(name => path.posix.join(folder, name));
}

/** Removes a folder from the workspace, if present. */
export async function removeWorkspaceFolder(
  workspacePath: string,
  folder: string,
) {
  await fs.rm(resolveSafeChildPath(workspacePath, folder), {
    recursive: true,
    force: true,
  });
}
