import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The permission resource type of a workload cluster. Its resource ref is
 * the cluster ref `managementCluster/namespace/name` (see
 * {@link stringifyClusterRef}).
 *
 * @public
 */
export const CAPI_CLUSTER_RESOURCE_TYPE = 'capi-cluster';

/**
 * Allows reading the whole fleet: every cluster of every management cluster,
 * compliance series and management cluster health. A basic permission: the
 * fleet view is all or nothing.
 *
 * @public
 */
export const capiFleetReadPermission = createPermission({
  name: 'capi.fleet.read',
  attributes: { action: 'read' },
});

/**
 * Allows reading one cluster: its summary, node pools, machines and patch
 * state, on entity pages, the cluster page and in search. Lists are
 * filtered by the conditions a policy returns for it.
 *
 * @public
 */
export const capiClusterReadPermission = createPermission({
  name: 'capi.cluster.read',
  attributes: { action: 'read' },
  resourceType: CAPI_CLUSTER_RESOURCE_TYPE,
});

/**
 * Allows requesting a new cluster. A resource permission too: a conditional
 * decision is evaluated against the cluster being requested (its requested
 * owner, entity, management cluster and labels), so that "create only for
 * groups you are a member of" is the owner rule applied to the requested
 * owner.
 *
 * @public
 */
export const capiClusterCreatePermission = createPermission({
  name: 'capi.cluster.create',
  attributes: { action: 'create' },
  resourceType: CAPI_CLUSTER_RESOURCE_TYPE,
});

/**
 * Allows day-2 changes to an existing cluster (node pools, upgrades,
 * add-ons, settings).
 *
 * @public
 */
export const capiClusterUpdatePermission = createPermission({
  name: 'capi.cluster.update',
  attributes: { action: 'update' },
  resourceType: CAPI_CLUSTER_RESOURCE_TYPE,
});

/**
 * Allows decommissioning a cluster.
 *
 * @public
 */
export const capiClusterDeletePermission = createPermission({
  name: 'capi.cluster.delete',
  attributes: { action: 'delete' },
  resourceType: CAPI_CLUSTER_RESOURCE_TYPE,
});

/**
 * All permissions of the capi plugin.
 *
 * @public
 */
export const capiPermissions = [
  capiFleetReadPermission,
  capiClusterReadPermission,
  capiClusterCreatePermission,
  capiClusterUpdatePermission,
  capiClusterDeletePermission,
];
