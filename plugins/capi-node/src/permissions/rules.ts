import { createPermissionRule } from '@backstage/plugin-permission-node';
import {
  CapiClusterResource,
  capiClusterPermissionResourceRef,
} from './resource';
import { ruleParams } from './ruleParams';

/** Entity refs compare case-insensitively, as in the catalog. */
function normaliseRef(ref: string): string {
  return ref.trim().toLocaleLowerCase('en-US');
}

function ownedByOneOf(cluster: CapiClusterResource, claims: string[]): boolean {
  if (!cluster.owner) return false;
  const owner = normaliseRef(cluster.owner);
  return claims.some(claim => normaliseRef(claim) === owner);
}

function linkedTo(cluster: CapiClusterResource, entityRef: string): boolean {
  const wanted = normaliseRef(entityRef);
  const linked = [
    ...(cluster.entityRef ? [cluster.entityRef] : []),
    ...(cluster.entityRefs ?? []),
  ];
  return linked.some(ref => normaliseRef(ref) === wanted);
}

function hasLabel(
  cluster: CapiClusterResource,
  key: string,
  value: string | undefined,
): boolean {
  if (!Object.prototype.hasOwnProperty.call(cluster.labels, key)) return false;
  return value === undefined || cluster.labels[key] === value;
}

/**
 * The cluster's owner (from the live Cluster) is one of the given entity
 * refs, typically the user's ownership entity refs.
 *
 * @public
 */
export const isClusterOwner = createPermissionRule({
  name: 'IS_CLUSTER_OWNER',
  description: 'Allow clusters owned by one of the given entity refs',
  resourceRef: capiClusterPermissionResourceRef,
  paramsSchema: ruleParams({
    claims: {
      type: 'string-array',
      description:
        'Entity refs to match against the owner, e.g. the user and their groups',
    },
  }),
  apply: (cluster, { claims }) => ownedByOneOf(cluster, claims),
  toQuery:
    ({ claims }) =>
    cluster =>
      ownedByOneOf(cluster, claims),
});

/**
 * The cluster was requested for the given entity (its entity ref recorded
 * on the live Cluster).
 *
 * @public
 */
export const isClusterLinkedToEntity = createPermissionRule({
  name: 'IS_CLUSTER_LINKED_TO_ENTITY',
  description: 'Allow clusters linked to the given entity',
  resourceRef: capiClusterPermissionResourceRef,
  paramsSchema: ruleParams({
    entityRef: {
      type: 'string',
      description: 'Full entity ref, e.g. component:default/checkout',
    },
  }),
  apply: (cluster, { entityRef }) => linkedTo(cluster, entityRef),
  toQuery:
    ({ entityRef }) =>
    cluster =>
      linkedTo(cluster, entityRef),
});

/**
 * The cluster lives in the named management cluster.
 *
 * @public
 */
export const isInManagementCluster = createPermissionRule({
  name: 'IS_IN_MANAGEMENT_CLUSTER',
  description: 'Allow clusters of the named management cluster',
  resourceRef: capiClusterPermissionResourceRef,
  paramsSchema: ruleParams({
    name: { type: 'string', description: 'Name of the management cluster' },
  }),
  apply: (cluster, { name }) => cluster.managementCluster === name,
  toQuery:
    ({ name }) =>
    cluster =>
      cluster.managementCluster === name,
});

/**
 * The live Cluster carries the label, with the given value if one is given.
 *
 * @public
 */
export const hasClusterLabel = createPermissionRule({
  name: 'HAS_CLUSTER_LABEL',
  description: 'Allow clusters that carry the given label (and value)',
  resourceRef: capiClusterPermissionResourceRef,
  paramsSchema: ruleParams({
    key: { type: 'string', description: 'Label key, e.g. capstan.dev/profile' },
    value: {
      type: 'string',
      optional: true,
      description: 'Label value; any value when left out',
    },
  }),
  apply: (cluster, { key, value }) => hasLabel(cluster, key, value),
  toQuery:
    ({ key, value }) =>
    cluster =>
      hasLabel(cluster, key, value),
});

/**
 * Every permission rule of clusters, for the permissions registry.
 *
 * @public
 */
export const capiClusterPermissionRules = {
  isClusterOwner,
  isClusterLinkedToEntity,
  isInManagementCluster,
  hasClusterLabel,
};
