import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { ClusterAccess } from '../services/ClusterAccess';
import type { EntityClusterResolver } from '../services/EntityClusterResolver';
import type { FleetReader } from '../services/FleetReader';

/**
 * The services Capstan's actions read through: the same ones the REST
 * router uses, so an MCP client sees exactly what the caller may see there.
 *
 * @public
 */
export interface CapiActionServices {
  access: Pick<ClusterAccess, 'readFilter' | 'requireFleet'>;
  reader: Pick<
    FleetReader,
    | 'index'
    | 'cluster'
    | 'clusters'
    | 'fleet'
    | 'health'
    | 'unsyncedManagementClusters'
  >;
  resolver: Pick<EntityClusterResolver, 'getEntity' | 'resolve'>;
}

const ENTITY_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** A full owner ref (`group:default/team-a`), lower-cased as the index keeps it. */
export function normaliseOwnerRef(owner: string): string {
  const refused = () =>
    new InputError(
      `"${owner.slice(
        0,
        100,
      )}" is not an owner reference such as group:default/team-checkout`,
    );
  let ref;
  try {
    ref = parseEntityRef(owner.trim(), { defaultKind: 'group' });
  } catch {
    throw refused();
  }
  // The catalog's own name rules: no separators smuggled into the parts.
  if (![ref.kind, ref.namespace, ref.name].every(p => ENTITY_PART.test(p))) {
    throw refused();
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

/** Ids of the cached clusters whose recorded owner is `owner` (normalised). */
export function clusterIdsOfOwner(
  reader: CapiActionServices['reader'],
  owner: string,
): string[] {
  const ids: string[] = [];
  for (const id of reader.index.clusterIds()) {
    const aggregate = reader.index.getAggregate(id);
    if (aggregate?.owner?.toLocaleLowerCase('en-US') === owner) ids.push(id);
  }
  return ids;
}

/**
 * The zod the actions registry hands to schema factories. Backstage builds
 * schemas with its own copy of zod, so schemas are typed against that one.
 */
export type ActionZod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];
