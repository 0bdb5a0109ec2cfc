import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError, InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CLUSTER_RESOURCE_TYPE,
  ENTITY_ANNOTATIONS,
  parseClusterRef,
  stringifyClusterRef,
} from '@capstan/plugin-capi-common';
import type { CapiClusterEntityResolver } from '@capstan/plugin-capi-node';
import type { FleetIndex } from './FleetIndex';
import { parseLabelSelector } from './LabelSelector';

/**
 * Finds the clusters of a catalog entity:
 * 0. a cluster's own `Resource` entity (type `kubernetes-cluster`, as the
 *    catalog module and the scaffolder's catalog-info.yaml emit it): the
 *    cluster in its `capstan.dev/cluster-ref` annotation,
 * 1. refs in the `capstan.dev/clusters` annotation,
 * 2. clusters matching the `capstan.dev/cluster-selector` label selector,
 * 3. clusters the scaffolder labelled with the entity (as owner or requester),
 * 4. `Resource` entities of type `kubernetes-cluster` related to the entity,
 *    through their `capstan.dev/cluster-ref` annotation,
 * 5. clusters that resolvers added through the extension point return.
 * Catalog reads use the caller's credentials.
 *
 * @public
 */
export class EntityClusterResolver {
  readonly #catalog: CatalogService;
  readonly #index: FleetIndex;
  readonly #resolvers: CapiClusterEntityResolver[];
  readonly #logger: LoggerService;

  constructor(options: {
    catalog: CatalogService;
    index: FleetIndex;
    resolvers: CapiClusterEntityResolver[];
    logger: LoggerService;
  }) {
    this.#catalog = options.catalog;
    this.#index = options.index;
    this.#resolvers = options.resolvers;
    this.#logger = options.logger;
  }

  /**
   * Fetches the entity with the caller's credentials. Throws NotFoundError
   * both when it does not exist and when the caller may not see it, so
   * nothing leaks.
   */
  async getEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    let normalised: string;
    try {
      normalised = stringifyEntityRef(parseEntityRef(entityRef));
    } catch (error) {
      throw new InputError(
        `Invalid entityRef "${entityRef}": ${(error as Error).message}`,
      );
    }
    const entity = await this.#catalog.getEntityByRef(normalised, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`Entity ${normalised} not found`);
    }
    return entity;
  }

  /** Cluster ids of an entity the caller has already been allowed to read. */
  async resolve(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const entityRef = stringifyEntityRef(entity);
    const ids = new Set<string>();
    const annotations = entity.metadata.annotations ?? {};

    const ownRef = ownClusterRef(entity);
    if (ownRef) {
      try {
        ids.add(stringifyClusterRef(parseClusterRef(ownRef)));
      } catch {
        this.#logger.debug(
          `Entity ${entityRef}: ignoring bad cluster ref "${ownRef}"`,
        );
      }
    }

    const listed = annotations[ENTITY_ANNOTATIONS.clusters];
    if (listed) {
      for (const part of listed.split(/[\s,]+/).filter(Boolean)) {
        try {
          ids.add(stringifyClusterRef(parseClusterRef(part)));
        } catch {
          this.#logger.debug(
            `Entity ${entityRef}: ignoring bad cluster ref "${part}"`,
          );
        }
      }
    }

    const selector = annotations[ENTITY_ANNOTATIONS.clusterSelector];
    if (selector) {
      try {
        for (const id of this.#index.idsBySelector(
          parseLabelSelector(selector),
        ))
          ids.add(id);
      } catch (error) {
        this.#logger.debug(
          `Entity ${entityRef}: ignoring bad cluster selector: ${error}`,
        );
      }
    }

    for (const id of this.#index.idsForEntity(entityRef)) ids.add(id);

    const related = (entity.relations ?? [])
      .map(r => r.targetRef)
      .filter(ref => ref.toLocaleLowerCase('en-US').startsWith('resource:'));
    if (related.length > 0) {
      const { items } = await this.#catalog.getEntitiesByRefs(
        {
          entityRefs: [...new Set(related)],
          fields: [
            'kind',
            'spec.type',
            'metadata.annotations',
            'metadata.name',
            'metadata.namespace',
          ],
        },
        { credentials },
      );
      for (const resource of items) {
        const ref =
          resource?.metadata.annotations?.[ENTITY_ANNOTATIONS.clusterRef];
        if (resource?.spec?.type === CLUSTER_RESOURCE_TYPE && ref) {
          try {
            ids.add(stringifyClusterRef(parseClusterRef(ref)));
          } catch {
            // a bad annotation on someone else's entity is not the caller's problem
          }
        }
      }
    }

    for (const resolver of this.#resolvers) {
      try {
        const refs = await resolver.resolveClusters({
          entity,
          entityRef,
          credentials,
        });
        for (const ref of refs) ids.add(stringifyClusterRef(ref));
      } catch (error) {
        this.#logger.warn(
          `Cluster resolver ${resolver.name} failed for ${entityRef}: ${error}`,
        );
      }
    }
    return [...ids].filter(id => this.#index.has(id));
  }
}

/** The cluster a cluster's own `Resource` entity stands for, if it is one. */
function ownClusterRef(entity: Entity): string | undefined {
  if (
    entity.kind.toLocaleLowerCase('en-US') !== 'resource' ||
    entity.spec?.type !== CLUSTER_RESOURCE_TYPE
  ) {
    return undefined;
  }
  return entity.metadata.annotations?.[ENTITY_ANNOTATIONS.clusterRef];
}
