import type { CatalogApi } from '@backstage/plugin-catalog-react';
import { ENTITY_ANNOTATIONS } from '@capstan/plugin-capi-common';

const ANNOTATION_FIELD = `metadata.annotations.${ENTITY_ANNOTATIONS.clusterRef}`;
/** Clusters per catalog request: the filter goes into the URL. */
const BATCH = 25;

interface Waiting {
  promise: Promise<string | undefined>;
  resolve: (name: string | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Finds the names of cluster entities by their `capstan.dev/cluster-ref`
 * annotation, for links from shapes that carry only a cluster id (campaign
 * progress, overdue machines): the names cannot be computed from the id.
 * The catalog answers only with entities the user may read. The lookups of
 * one render go out together; names found are kept, misses are not (the
 * entity may appear later).
 */
export class ClusterEntityLookup {
  static readonly #byCatalog = new WeakMap<CatalogApi, ClusterEntityLookup>();

  static for(catalog: CatalogApi): ClusterEntityLookup {
    let lookup = ClusterEntityLookup.#byCatalog.get(catalog);
    if (!lookup) {
      lookup = new ClusterEntityLookup(catalog);
      ClusterEntityLookup.#byCatalog.set(catalog, lookup);
    }
    return lookup;
  }

  readonly #catalog: CatalogApi;
  readonly #found = new Map<string, string>();
  readonly #waiting = new Map<string, Waiting>();
  #queued: string[] = [];

  private constructor(catalog: CatalogApi) {
    this.#catalog = catalog;
  }

  /** The entity name of a cluster (`managementCluster/namespace/name`), if the user may see it. */
  entityNameOf(clusterId: string): Promise<string | undefined> {
    const found = this.#found.get(clusterId);
    if (found) return Promise.resolve(found);
    const waiting = this.#waiting.get(clusterId);
    if (waiting) return waiting.promise;
    let settle!: Pick<Waiting, 'resolve' | 'reject'>;
    const promise = new Promise<string | undefined>((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.#waiting.set(clusterId, { promise, ...settle });
    if (this.#queued.length === 0) setTimeout(() => this.#flush(), 0);
    this.#queued.push(clusterId);
    return promise;
  }

  async #flush(): Promise<void> {
    const ids = this.#queued;
    this.#queued = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      let failure: unknown;
      try {
        const { items } = await this.#catalog.getEntities({
          filter: batch.map(id => ({
            kind: 'resource',
            [ANNOTATION_FIELD]: id,
          })),
          fields: ['metadata.name', ANNOTATION_FIELD],
        });
        for (const entity of items) {
          const id =
            entity.metadata.annotations?.[ENTITY_ANNOTATIONS.clusterRef];
          if (id) this.#found.set(id, entity.metadata.name);
        }
      } catch (error) {
        failure = error;
      }
      for (const id of batch) {
        const waiting = this.#waiting.get(id);
        this.#waiting.delete(id);
        if (failure) waiting?.reject(failure);
        else waiting?.resolve(this.#found.get(id));
      }
    }
  }
}
