import useAsync from 'react-use/esm/useAsync';
import {
  type Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { identityApiRef, useApiHolder } from '@backstage/core-plugin-api';
import { getEntityRelations } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { capiFleetReadPermission } from '@capstan/plugin-capi-common';

/**
 * Whose clusters the signed-in user sees on an entity's card and tab:
 * - `member`: the user is in (or is) the entity's owner, or the entity is
 *   the user's group, so an empty list means the entity has no clusters;
 * - `platform`: the user reads the whole fleet (`capi.fleet.read`), so an
 *   empty list means the same;
 * - `outsider`: neither; the capi backend leaves out the clusters the user
 *   may not read, so an empty list says nothing about the entity.
 */
export type ClusterVisibility =
  | { loading: true }
  | { loading: false; kind: 'member' | 'platform' }
  | { loading: false; kind: 'outsider'; owners: string[] };

/** The entity refs that own an entity; a group owns itself here. */
export function entityOwners(entity: Entity): string[] {
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    return [stringifyEntityRef(entity)];
  }
  const refs = new Set(
    getEntityRelations(entity, RELATION_OWNED_BY).map(stringifyEntityRef),
  );
  const owner = entity.spec?.owner;
  if (typeof owner === 'string' && owner) {
    try {
      refs.add(
        stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        ),
      );
    } catch {
      // An owner that is not an entity ref names nobody the user can be.
    }
  }
  return [...refs];
}

/**
 * Decides {@link ClusterVisibility} from the user's ownership refs (identity
 * API) and, for a non-member only, one `capi.fleet.read` decision. It never
 * asks the capi backend about clusters the user may not read, so nothing
 * about them is revealed. When either answer is missing (no such API, or it
 * failed), it says what it said before: the entity has no clusters.
 */
export function useClusterVisibility(entity: Entity): ClusterVisibility {
  const apis = useApiHolder();
  const owners = entityOwners(entity);
  const decision = useAsync(async (): Promise<ClusterVisibility> => {
    const identity = apis.get(identityApiRef);
    const permission = apis.get(permissionApiRef);
    if (!identity || !permission) return { loading: false, kind: 'member' };
    const mine = new Set(
      (await identity.getBackstageIdentity()).ownershipEntityRefs,
    );
    if (owners.some(ref => mine.has(ref))) {
      return { loading: false, kind: 'member' };
    }
    const fleet = await permission.authorize({
      permission: capiFleetReadPermission,
    });
    return fleet.result === AuthorizeResult.DENY
      ? { loading: false, kind: 'outsider', owners }
      : { loading: false, kind: 'platform' };
  }, [apis, owners.join(',')]);
  if (decision.loading) return { loading: true };
  return decision.value ?? { loading: false, kind: 'member' };
}
