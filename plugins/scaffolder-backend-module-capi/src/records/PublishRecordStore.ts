import { createHash } from 'node:crypto';
import { NotAllowedError } from '@backstage/errors';
import type { FolderSnapshot } from '../git/folderFiles';

/**
 * What `capi:cluster:render` rendered in a task: the folder and a hash of
 * each file. `capi:gitops:publish` publishes a folder only when the
 * workspace still holds exactly this.
 */
export interface PublishRecord {
  taskId: string;
  /** `clusters/<mc>/<ns>/<name>`, in the workspace and the repository. */
  path: string;
  /** SHA-256 (hex) of each file's bytes, by path relative to the folder. */
  files: Record<string, string>;
}

/**
 * Where records live: outside the workspace, so that no template step can
 * write or change one.
 */
export interface PublishRecordStore {
  put(record: PublishRecord): Promise<void>;
  get(taskId: string, path: string): Promise<PublishRecord | undefined>;
}

export function hashFiles(
  files: Record<string, string | Buffer>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).map(([name, content]) => [
      name,
      createHash('sha256').update(content).digest('hex'),
    ]),
  );
}

/**
 * Throws unless the workspace folder holds exactly the recorded files:
 * same names, same bytes.
 */
export function verifyAgainstRecord(
  record: PublishRecord | undefined,
  path: string,
  snapshot: FolderSnapshot,
): void {
  if (!record) {
    throw new NotAllowedError(
      `${path} was not rendered by capi:cluster:render in this task; capi:gitops:publish only publishes folders that Capstan rendered and validated in the same task`,
    );
  }
  const actual = hashFiles(
    Object.fromEntries(
      Object.entries(snapshot).map(([name, f]) => [name, f.content]),
    ),
  );
  const names = new Set([...Object.keys(actual), ...Object.keys(record.files)]);
  const changed = [...names]
    .filter(name => actual[name] !== record.files[name])
    .sort();
  if (changed.length > 0) {
    throw new NotAllowedError(
      `${path} changed after capi:cluster:render rendered it (${changed.join(
        ', ',
      )}); only the rendered content can be published`,
    );
  }
}

/** Records in memory: for tests and single-process development only. */
export class InMemoryPublishRecordStore implements PublishRecordStore {
  readonly #records = new Map<string, PublishRecord>();

  async put(record: PublishRecord): Promise<void> {
    this.#records.set(`${record.taskId}\n${record.path}`, {
      ...record,
      files: { ...record.files },
    });
  }

  async get(taskId: string, path: string) {
    return this.#records.get(`${taskId}\n${path}`);
  }
}
