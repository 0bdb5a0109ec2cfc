import { createHash, randomBytes } from 'node:crypto';
import {
  CLUSTER_LABELS,
  type ClusterRef,
  stringifyClusterRef,
} from '@capstan/plugin-capi-common';

/** What names a cluster's entity: where it is, and its secret part. */
export interface ClusterEntityNameInput extends ClusterRef {
  /** The Cluster's labels; `capstan.dev/catalog-id` is read from them. */
  labels?: Record<string, string>;
  /** The Cluster's `metadata.uid`, for clusters created outside Capstan. */
  uid?: string;
}

/** Random ids written by {@link newClusterCatalogId}; shorter ones are too guessable to use. */
const CATALOG_ID = /^[a-z0-9]{16,63}$/;

/**
 * A new random catalog id for a cluster (80 bits, hex), for the
 * `capstan.dev/catalog-id` label the scaffolder writes on every Cluster.
 *
 * @public
 */
export function newClusterCatalogId(): string {
  return randomBytes(10).toString('hex');
}

/**
 * The name of the catalog `Resource` entity that stands for a cluster:
 * `cluster-` and a hash of the cluster's ref and a secret part, its
 * `capstan.dev/catalog-id` label (random, chosen when the cluster was made)
 * or else its `metadata.uid` (random, chosen by Kubernetes). Catalog
 * relations (a group's `ownerOf`, a component's `dependencyOf`) carry this
 * name to everyone who may read the group or component, so it must say
 * nothing about the cluster: without the secret part no name can be
 * guessed from a cluster's ref. The ref is hashed in too, so that a cluster
 * folder copied to make a new cluster (same label) gets an entity of its own.
 *
 * Undefined when the cluster has neither (no entity can be named for it).
 *
 * @public
 */
export function clusterEntityName(
  cluster: ClusterEntityNameInput,
): string | undefined {
  const catalogId = cluster.labels?.[CLUSTER_LABELS.catalogId];
  let secret: string | undefined;
  if (catalogId && CATALOG_ID.test(catalogId)) {
    secret = `id:${catalogId}`;
  } else if (cluster.uid) {
    secret = `uid:${cluster.uid}`;
  }
  if (!secret) {
    return undefined;
  }
  const digest = createHash('sha256')
    .update(`capstan.dev/cluster-entity\n${secret}\n`)
    .update(stringifyClusterRef(cluster))
    .digest('hex');
  return `cluster-${digest.slice(0, 24)}`;
}
