import {
  BackstageCredentials,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import type { ClusterRef } from '@capstan/plugin-capi-common';
import type { JsonObject } from '@backstage/types';

/**
 * The catalog entity whose clusters are being resolved, as fetched from the
 * catalog with the caller's credentials.
 *
 * @public
 */
export interface ClusterResolverEntity {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  } & JsonObject;
  spec?: JsonObject;
  relations?: Array<{ type: string; targetRef: string }>;
}

/**
 * Adds clusters to an entity beyond the built-in rules (annotations, label
 * selector, scaffolder labels, related `Resource` entities).
 *
 * @public
 */
export interface CapiClusterEntityResolver {
  name: string;
  /**
   * Cluster refs that belong to the entity. Refs of clusters the backend
   * does not know are ignored. Use `credentials` for any catalog call so
   * that the caller's permissions apply.
   */
  resolveClusters(options: {
    entity: ClusterResolverEntity;
    entityRef: string;
    credentials: BackstageCredentials;
  }): Promise<ClusterRef[]>;
}

/**
 * Lets backend modules add cluster-to-entity resolvers.
 *
 * @public
 */
export interface CapiClusterEntityResolverExtensionPoint {
  addResolver(resolver: CapiClusterEntityResolver): void;
}

/**
 * Extension point for cluster-to-entity resolvers.
 *
 * @public
 */
export const capiClusterEntityResolverExtensionPoint =
  createExtensionPoint<CapiClusterEntityResolverExtensionPoint>({
    id: 'capi.cluster-entity-resolvers',
  });
