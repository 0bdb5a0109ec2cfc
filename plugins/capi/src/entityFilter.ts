import type { Entity } from '@backstage/catalog-model';
import { CLUSTER_RESOURCE_TYPE } from '@capstan/plugin-capi-common';

/**
 * Entities that can have clusters: Components, Systems and Groups (linked by
 * annotation, label selector or relations), and cluster Resources themselves.
 *
 * @public
 */
export function isCapiAvailable(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'resource') {
    return entity.spec?.type === CLUSTER_RESOURCE_TYPE;
  }
  return kind === 'component' || kind === 'system' || kind === 'group';
}
