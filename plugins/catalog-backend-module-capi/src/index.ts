/**
 * Catalog module that emits every Cluster API workload cluster as a
 * `Resource` entity of type `kubernetes-cluster`.
 *
 * @packageDocumentation
 */

export { catalogModuleCapiClusterEntityProvider as default } from './module';
export { CapiClusterEntityProvider } from './CapiClusterEntityProvider';
export { CapiFleetClient } from './CapiFleetClient';
export type { CapiFleetReader, FleetSnapshot } from './CapiFleetClient';
export {
  CAPI_LOCATION_KEY,
  CLUSTER_ENTITY_LABELS,
  clusterEntityRef,
  clusterToEntity,
} from './clusterToEntity';
export type { ClusterEntityOptions } from './clusterToEntity';
export {
  DEFAULT_CAPI_PROVIDER_SCHEDULE,
  DEFAULT_CLUSTER_OWNER,
  readCapiProviderConfig,
} from './providerConfig';
export type {
  CapiProviderConfig,
  KubernetesAccessSettings,
} from './providerConfig';
