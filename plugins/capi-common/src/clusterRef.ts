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
