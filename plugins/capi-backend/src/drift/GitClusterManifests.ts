import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ManifestClusterFields,
  ManifestObject,
  ownerRefFromCluster,
  readManifestClusterFields,
} from '@capstan/plugin-capi-common';
import { parseAllDocuments } from 'yaml';
import type { GitopsSnapshot } from '../services/GitopsMirror';

/** What the mirror offers: the last listing and blob contents. */
export interface GitopsBlobSource {
  snapshot(): GitopsSnapshot | undefined;
  readBlobs(oids: string[]): Promise<Map<string, string>>;
}

/** One cluster folder as Git has it. */
export interface GitClusterFolder {
  /** `clusters/<managementCluster>/<namespace>/<cluster>` */
  path: string;
  managementCluster: string;
  namespace: string;
  name: string;
  /** Undefined when the folder has no readable Cluster. */
  fields?: ManifestClusterFields;
  /**
   * The Cluster's owner ref, read like a live Cluster's (capi-common's
   * `ownerRefFromCluster`: the owner annotation, else the owner label as a
   * group), so a cluster missing from its management cluster is listed and
   * filtered under the same owner as a live one.
   */
  owner?: string;
  /** Why the folder could not be read, when it could not. */
  error?: string;
  /** When its content was seen to change; undefined for what was there at the first read. */
  changedAt?: number;
}

interface Entry extends GitClusterFolder {
  /** The folder's blob ids, to tell when it changed. */
  key: string;
}

/** Parses the YAML documents of a folder's files; broken documents fail the folder. */
export function parseFolderObjects(
  texts: Iterable<[string, string]>,
): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const [path, text] of texts) {
    const docs = parseAllDocuments(text);
    for (const doc of Array.isArray(docs) ? docs : []) {
      if (doc.errors.length > 0) {
        throw new Error(
          `${path.split('/').pop()} is not valid YAML: ${
            doc.errors[0].message
          }`,
        );
      }
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        objects.push(value as ManifestObject);
      }
    }
  }
  return objects;
}

function stringMapAt(value: unknown, key: string): Record<string, string> {
  const map = (value as Record<string, unknown> | undefined)?.[key];
  if (!map || typeof map !== 'object' || Array.isArray(map)) return {};
  return Object.fromEntries(
    Object.entries(map).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

/** The owner ref of the folder's Cluster, as the backend reads a live one. */
export function ownerOfFolder(objects: ManifestObject[]): string | undefined {
  const cluster = objects.find(o => o.kind === 'Cluster');
  if (!cluster) return undefined;
  const metadata = (cluster as { metadata?: unknown }).metadata;
  return ownerRefFromCluster({
    labels: stringMapAt(metadata, 'labels'),
    annotations: stringMapAt(metadata, 'annotations'),
  });
}

/**
 * The cluster folders of the GitOps branch, parsed with the scaffolder's own
 * manifest reading (`readManifestClusterFields` of capi-common). Only folders
 * whose files changed are read and parsed again.
 */
export class GitClusterManifests {
  readonly #source: GitopsBlobSource;
  readonly #logger: LoggerService;
  readonly #now: () => number;
  #folders = new Map<string, Entry>();
  /** Folders that left the branch, and when (a decommission in flight). */
  readonly #removedAt = new Map<string, number>();
  #revision?: string;
  #loaded = false;
  #running?: Promise<void>;

  constructor(options: {
    source: GitopsBlobSource;
    logger: LoggerService;
    now?: () => number;
  }) {
    this.#source = options.source;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  /** The commit the folders were read from; undefined before the first read. */
  get revision(): string | undefined {
    return this.#revision;
  }

  folder(path: string): GitClusterFolder | undefined {
    return this.#folders.get(path);
  }

  /** When a folder left the branch, if it did since the first read. */
  removedAt(path: string): number | undefined {
    return this.#removedAt.get(path);
  }

  folders(): IterableIterator<GitClusterFolder> {
    return this.#folders.values();
  }

  /** Reads the mirror's current snapshot (concurrent calls share one read). */
  update(): Promise<void> {
    this.#running ??= this.#update().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #update(): Promise<void> {
    const snapshot = this.#source.snapshot();
    if (!snapshot || snapshot.revision === this.#revision) return;
    const byFolder = new Map<string, Array<[string, string]>>();
    for (const [path, oid] of snapshot.files) {
      const folder = path.slice(0, path.lastIndexOf('/'));
      const list = byFolder.get(folder) ?? [];
      list.push([path, oid]);
      byFolder.set(folder, list);
    }
    const changed: Array<[string, Array<[string, string]>, string]> = [];
    const next = new Map<string, Entry>();
    for (const [folder, files] of byFolder) {
      files.sort(([a], [b]) => (a < b ? -1 : Number(a > b)));
      const key = files.map(([path, oid]) => `${path}:${oid}`).join('\n');
      const current = this.#folders.get(folder);
      if (current?.key === key) next.set(folder, current);
      else changed.push([folder, files, key]);
    }
    const contents = await this.#source.readBlobs(
      changed.flatMap(([, files]) => files.map(([, oid]) => oid)),
    );
    const now = this.#now();
    for (const [folder, files, key] of changed) {
      const [, managementCluster, namespace, name] = folder.split('/');
      const entry: Entry = {
        path: folder,
        managementCluster,
        namespace,
        name,
        key,
      };
      if (this.#loaded) entry.changedAt = now;
      try {
        const objects = parseFolderObjects(
          files.map(([path, oid]): [string, string] => [
            path,
            contents.get(oid) ?? '',
          ]),
        );
        entry.fields = readManifestClusterFields(objects);
        if (!entry.fields) entry.error = 'the folder has no Cluster';
        const owner = ownerOfFolder(objects);
        if (owner) entry.owner = owner;
      } catch (error) {
        entry.error = (error as Error).message;
        this.#logger.debug(`GitOps folder ${folder}: ${entry.error}`);
      }
      next.set(folder, entry);
    }
    for (const folder of this.#folders.keys()) {
      if (!next.has(folder)) this.#removedAt.set(folder, now);
    }
    for (const folder of next.keys()) this.#removedAt.delete(folder);
    this.#folders = next;
    this.#revision = snapshot.revision;
    this.#loaded = true;
  }
}
