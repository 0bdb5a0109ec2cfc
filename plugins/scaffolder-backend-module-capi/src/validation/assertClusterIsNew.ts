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
 * Cluster names are unique per management cluster: two clusters of one name
 * in two namespaces read as the same cluster everywhere people see names.
 */
async function assertNameFreeInManagementCluster(options: {
  ref: ClusterRef;
  gitops: GitopsPublisher | undefined;
  liveClusters: LiveClusterLookup;
  signal?: AbortSignal;
}): Promise<void> {
  const { ref, gitops, liveClusters, signal } = options;
  const taken = (namespace: string, where: string) =>
    new ConflictError(
      `a cluster named "${ref.name}" already exists in namespace ${namespace} of management cluster ${ref.managementCluster}${where}; cluster names must be unique per management cluster, so choose another name`,
    );
  if (gitops) {
    const namespaces = await gitops.listFolders(
      `clusters/${ref.managementCluster}`,
      signal,
    );
    for (const namespace of namespaces) {
      if (namespace === ref.namespace) continue;
      const names = await gitops.listFolders(
        `clusters/${ref.managementCluster}/${namespace}`,
        signal,
      );
      if (names.includes(ref.name)) {
        throw taken(namespace, ' (in the GitOps repository)');
      }
    }
  }
  const live = await liveClusters.namespacesWithName(
    ref.managementCluster,
    ref.name,
    signal,
  );
  const other = live.find(namespace => namespace !== ref.namespace);
  if (other) {
    throw taken(other, '');
  }
}

/**
 * Refuses a new cluster whose name is taken — in Git, or live in its
 * management cluster, in any of its namespaces — or, in classic mode, whose object names could
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
  await assertNameFreeInManagementCluster(options);
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
