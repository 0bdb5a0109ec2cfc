import { ConflictError } from '@backstage/errors';
import type { ClusterRef } from '@capstan/plugin-capi-common';
import type { GitopsPublisher } from '../git/GitopsPublisher';
import type { LiveClusterLookup } from '../live/LiveClusterLookup';
import { hashFiles } from '../records/PublishRecordStore';

/**
 * Names that are dash-prefixes of `name` (`a-b-c` → `a`, `a-b`). Classic
 * object names are `<cluster>-<suffix>`; two clusters' names can collide
 * (`a` + pool `b-c`, `a-b` + pool `c` → `a-b-c`) only when one cluster
 * name is a dash-prefix of the other.
 */
export function dashPrefixes(name: string): string[] {
  const parts = name.split('-');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('-'));
}

function sameContent(
  a: Record<string, string>,
  b: Record<string, string>,
): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k])
  );
}

/**
 * Refuses a new cluster whose name is taken — in Git, or live in its
 * management cluster — or, in classic mode, whose object names could
 * collide with another cluster's in the same namespace. When this task
 * rendered exactly this folder before (`renderedBefore`: a re-run after its
 * publish step), a folder in Git holding exactly that is not a conflict.
 */
export async function assertClusterIsNew(options: {
  ref: ClusterRef;
  path: string;
  files: Record<string, string>;
  classic: boolean;
  /** This task rendered these exact files before (its publish record says so). */
  renderedBefore: boolean;
  gitops: GitopsPublisher | undefined;
  liveClusters: LiveClusterLookup;
  signal?: AbortSignal;
}): Promise<void> {
  const { ref, gitops, liveClusters, signal } = options;
  const where = `${ref.managementCluster}/${ref.namespace}`;
  if (gitops) {
    const inGit = await gitops.readFolder(options.path, { signal });
    if (inGit?.files) {
      const existing = hashFiles(
        Object.fromEntries(
          Object.entries(inGit.files).map(([n, f]) => [n, f.content]),
        ),
      );
      if (
        options.renderedBefore &&
        sameContent(existing, hashFiles(options.files))
      ) {
        return;
      }
      throw new ConflictError(
        `cluster "${ref.name}" already exists in ${where} in the GitOps repository`,
      );
    }
  }
  if (await liveClusters.exists(ref, signal)) {
    throw new ConflictError(
      `a Cluster "${ref.name}" already exists in management cluster ${ref.managementCluster} (namespace ${ref.namespace}), though not in the GitOps repository`,
    );
  }
  if (!options.classic) {
    return;
  }
  const siblings = gitops
    ? await gitops.listFolders(
        `clusters/${ref.managementCluster}/${ref.namespace}`,
        signal,
      )
    : [];
  const prefixes = dashPrefixes(ref.name);
  const clash = siblings.find(
    other =>
      other !== ref.name &&
      (prefixes.includes(other) || other.startsWith(`${ref.name}-`)),
  );
  if (clash) {
    throw new ConflictError(
      `cluster name "${ref.name}" could give objects the same names as cluster "${clash}" in ${where} (classic mode names objects <cluster>-<pool>); choose a name that neither starts with "${clash}-" nor is a prefix of it`,
    );
  }
  for (const prefix of prefixes) {
    if (await liveClusters.exists({ ...ref, name: prefix }, signal)) {
      throw new ConflictError(
        `cluster name "${ref.name}" could give objects the same names as the live cluster "${prefix}" in ${where} (classic mode names objects <cluster>-<pool>)`,
      );
    }
  }
}
