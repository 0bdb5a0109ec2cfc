import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  capiClusterCreatePermission,
  capiClusterDeletePermission,
  capiClusterReadPermission,
  capiClusterUpdatePermission,
  capiFleetReadPermission,
} from '@capstan/plugin-capi-common';
import {
  capiClusterConditions,
  createCapiClusterConditionalDecision,
} from '@capstan/plugin-capi-node';
import {
  CATALOG_ENTITY_RESOURCE_TYPE,
  limitClusterEntities,
} from './clusterEntityDecision';

/**
 * Settings of {@link CapiPermissionPolicy}.
 *
 * @public
 */
export interface CapiPermissionPolicyOptions {
  /** Entity refs whose members may do everything (`capi.permissions.platformGroups`). */
  platformGroups: string[];
  /**
   * Decides every permission that is not Capstan's (catalog, scaffolder,
   * ...). Defaults to allowing them, as the allow-all policy did.
   */
  fallback?: PermissionPolicy;
}

const CAPI_PERMISSION_PREFIX = 'capi.';

const allowAll: PermissionPolicy = {
  async handle() {
    return { result: AuthorizeResult.ALLOW };
  },
};

function normalise(ref: string): string {
  return ref.trim().toLocaleLowerCase('en-US');
}

/**
 * Reads `capi.permissions` and checks that every platform group is a full
 * entity ref. Throws an error naming the bad entry.
 *
 * @public
 */
export function readCapiPolicyConfig(config: Config): {
  platformGroups: string[];
} {
  const refs =
    config.getOptionalStringArray('capi.permissions.platformGroups') ?? [];
  const platformGroups = refs.map((ref, i) => {
    try {
      const parsed = parseEntityRef(ref);
      if (!ref.includes(':')) throw new TypeError('a kind is required');
      return stringifyEntityRef(parsed);
    } catch (error) {
      throw new TypeError(
        `Invalid capi.permissions.platformGroups[${i}] "${ref}": expected a full entity ref such as group:default/team-platform (${
          (error as Error).message
        })`,
      );
    }
  });
  return { platformGroups };
}

/**
 * Capstan's permission policy:
 * - members of a platform group may do everything with every cluster and
 *   read the fleet;
 * - other users read, change (day-2) and decommission the clusters whose
 *   recorded owner is one of their ownership entity refs, and request new
 *   clusters only for groups they are a member of;
 * - the fleet view is for platform groups only;
 * - requests without a user, and unknown `capi.*` permissions, are denied;
 * - catalog entity permissions (read, refresh, delete) go to the fallback
 *   policy, and then cluster `Resource` entities (type `kubernetes-cluster`)
 *   are left only to platform groups and the cluster's owners;
 * - every other permission goes to the fallback policy (allow by default).
 *
 * @public
 */
export class CapiPermissionPolicy implements PermissionPolicy {
  readonly #platformGroups: Set<string>;
  readonly #fallback: PermissionPolicy;

  constructor(options: CapiPermissionPolicyOptions) {
    this.#platformGroups = new Set(options.platformGroups.map(normalise));
    this.#fallback = options.fallback ?? allowAll;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const claims = user?.info.ownershipEntityRefs ?? [];
    const isPlatform = claims.some(ref =>
      this.#platformGroups.has(normalise(ref)),
    );
    if (isResourcePermission(permission, CATALOG_ENTITY_RESOURCE_TYPE)) {
      const decision = await this.#fallback.handle(request, user);
      return isPlatform
        ? decision
        : limitClusterEntities(decision, permission, claims);
    }
    if (!permission.name.startsWith(CAPI_PERMISSION_PREFIX)) {
      return this.#fallback.handle(request, user);
    }
    if (!user || claims.length === 0) return { result: AuthorizeResult.DENY };
    if (isPlatform) return { result: AuthorizeResult.ALLOW };
    if (
      isPermission(permission, capiClusterReadPermission) ||
      isPermission(permission, capiClusterUpdatePermission) ||
      isPermission(permission, capiClusterDeletePermission)
    ) {
      return createCapiClusterConditionalDecision(
        permission,
        capiClusterConditions.isClusterOwner({ claims }),
      );
    }
    if (isPermission(permission, capiClusterCreatePermission)) {
      // The requested owner must be one of the user's groups, not the user.
      const groups = claims.filter(ref => normalise(ref).startsWith('group:'));
      return createCapiClusterConditionalDecision(
        permission,
        capiClusterConditions.isClusterOwner({ claims: groups }),
      );
    }
    if (isPermission(permission, capiFleetReadPermission)) {
      return { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.DENY };
  }
}
