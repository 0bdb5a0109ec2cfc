import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { CLUSTER_RESOURCE_TYPE } from '@capstan/plugin-capi-common';

/** The catalog's resource type for entities (`RESOURCE_TYPE_CATALOG_ENTITY`). */
export const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';

type EntityCriteria = PermissionCriteria<
  PermissionCondition<typeof CATALOG_ENTITY_RESOURCE_TYPE>
>;

/**
 * Entities that stand for a cluster: `Resource` entities of type
 * `kubernetes-cluster`, as the catalog module and the scaffolder's
 * catalog-info.yaml write them (the latter has no annotation that would be
 * safer to match on, so the type decides).
 */
const isClusterEntity: EntityCriteria = {
  allOf: [
    catalogConditions.isEntityKind({ kinds: ['Resource'] }),
    catalogConditions.hasSpec({ key: 'type', value: CLUSTER_RESOURCE_TYPE }),
  ],
};

/**
 * Entities a user without platform rights may see or touch: every entity
 * that is not a cluster, and the clusters owned by one of their ownership
 * entity refs (their groups, or themselves).
 */
export function visibleEntities(claims: string[]): EntityCriteria {
  const notCluster: EntityCriteria = { not: isClusterEntity };
  // The catalog compares with lower-cased relation targets.
  const owners = [
    ...new Set(claims.map(claim => claim.toLocaleLowerCase('en-US'))),
  ];
  if (owners.length === 0) return notCluster;
  return {
    anyOf: [notCluster, catalogConditions.isEntityOwner({ claims: owners })],
  };
}

/**
 * Narrows the decision of the fallback policy for a catalog entity
 * permission (read, refresh, delete) so that cluster entities follow the
 * cluster permissions: nothing the fallback denies becomes allowed.
 */
export function limitClusterEntities(
  decision: PolicyDecision,
  permission: ResourcePermission<typeof CATALOG_ENTITY_RESOURCE_TYPE>,
  claims: string[],
): PolicyDecision {
  const visible = visibleEntities(claims);
  switch (decision.result) {
    case AuthorizeResult.DENY:
      return decision;
    case AuthorizeResult.ALLOW:
      return createCatalogConditionalDecision(permission, visible);
    default:
      return createCatalogConditionalDecision(permission, {
        allOf: [decision.conditions as EntityCriteria, visible],
      });
  }
}
