export { clusterEntityName, newClusterCatalogId } from './clusterEntityName';
export type { ClusterEntityNameInput } from './clusterEntityName';
