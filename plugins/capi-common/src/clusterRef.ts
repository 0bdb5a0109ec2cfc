import type { ClusterRef } from './types';

/**
 * Formats a cluster ref as `managementCluster/namespace/name`.
 *
 * @public
 */
export function stringifyClusterRef(ref: ClusterRef): string {
  return `${ref.managementCluster}/${ref.namespace}/${ref.name}`;
}

/**
 * Parses `managementCluster/namespace/name`. Throws a TypeError naming the
 * input when it has another shape.
 *
 * @public
 */
export function parseClusterRef(ref: string): ClusterRef {
  const parts = ref.trim().split('/');
  if (parts.length !== 3 || parts.some(p => p.length === 0)) {
    throw new TypeError(
      `Invalid cluster ref "${ref}", expected managementCluster/namespace/name`,
    );
  }
  const [managementCluster, namespace, name] = parts;
  return { managementCluster, namespace, name };
}

/**
 * Splits the value of the `capstan.dev/clusters` entity annotation (comma,
 * whitespace or newline separated refs) into cluster refs.
 *
 * @public
 */
export function parseClusterRefList(value: string): ClusterRef[] {
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(parseClusterRef);
}

/**
 * The folder of a cluster in the GitOps repository.
 *
 * @public
 */
export function gitopsClusterPath(ref: ClusterRef): string {
  return `clusters/${ref.managementCluster}/${ref.namespace}/${ref.name}`;
}

/**
 * The name of the catalog `Resource` entity that stands for a cluster. Both
 * the scaffolder's catalog-info.yaml and the catalog entity provider use it,
 * so that the two never produce two entities for one cluster.
 *
 * Entity names allow at most 63 characters; longer refs are shortened with a
 * stable hash suffix.
 *
 * @public
 */
export function clusterEntityName(ref: ClusterRef): string {
  const full = `${ref.managementCluster}.${ref.namespace}.${ref.name}`;
  if (full.length <= 63) {
    return full;
  }
  // FNV-1a: tiny, stable, no crypto dependency in browser code.
  let hash = 0x811c9dc5;
  for (let i = 0; i < full.length; i++) {
    hash ^= full.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const suffix = hash.toString(16).padStart(8, '0');
  return `${full
    .slice(0, 63 - suffix.length - 1)
    .replace(/[-_.]+$/, '')}-${suffix}`;
}
