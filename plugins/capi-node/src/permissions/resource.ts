import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { CAPI_CLUSTER_RESOURCE_TYPE } from '@capstan/plugin-capi-common';

/**
 * A cluster as the permission rules see it. Every field comes from the
 * live Cluster (or, for `capi.cluster.create`, from the cluster being
 * requested after validation), never from what a caller claims about an
 * existing cluster.
 *
 * @public
 */
export interface CapiClusterResource {
  /** `managementCluster/namespace/name`, the permission resource ref. */
  ref: string;
  managementCluster: string;
  namespace: string;
  name: string;
  /** Full owner entity ref, e.g. `group:default/team-payments`. */
  owner?: string;
  /** Full ref of the entity the cluster was requested for, e.g. `component:default/checkout`. */
  entityRef?: string;
  /** Further linked entity refs (e.g. one from the entity labels), if any. */
  entityRefs?: string[];
  labels: Record<string, string>;
}

/**
 * What a rule's `toQuery` produces: a predicate over clusters. The backend
 * keeps clusters in memory, so a "query" is a function it runs over the
 * cached clusters in one pass.
 *
 * @public
 */
export type CapiClusterPredicate = (cluster: CapiClusterResource) => boolean;

/**
 * The permission resource ref of clusters (`capi-cluster`, plugin `capi`).
 *
 * @public
 */
export const capiClusterPermissionResourceRef = createPermissionResourceRef<
  CapiClusterResource,
  CapiClusterPredicate
>().with({
  pluginId: 'capi',
  resourceType: CAPI_CLUSTER_RESOURCE_TYPE,
});
