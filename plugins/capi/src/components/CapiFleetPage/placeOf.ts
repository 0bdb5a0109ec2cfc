/**
 * Management cluster and namespace of a cluster id (`mc/namespace/name`):
 * names are unique per management cluster only, so lists of names carry it.
 */
export function placeOf(clusterId: string): string {
  const [managementCluster, namespace] = clusterId.split('/');
  return `${managementCluster} / ${namespace}`;
}
