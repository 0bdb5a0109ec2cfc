import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  capiClusterReadPermission,
  capiFleetReadPermission,
  parseClusterRef,
  stringifyClusterRef,
} from '@capstan/plugin-capi-common';
import {
  CapiClusterPredicate,
  CapiClusterResource,
  createCapiClusterFilter,
} from '@capstan/plugin-capi-node';
import { entityRefsOf, ownerOf } from './buildClusterSummary';
import type { FleetIndex } from './FleetIndex';
import type { TrimmedCluster } from '../normalise/types';

/** Decides, for one caller, which cluster ids they may read. */
export type ClusterIdFilter = (id: string) => boolean;

/**
 * Applies the permission framework to cluster reads: one
 * `authorizeConditional` call per request, its conditions turned into a
 * predicate that is run over the cached clusters in one pass. The facts
 * the rules see (owner, linked entities, labels) come from the live
 * Cluster in the cache, never from the request.
 *
 * @public
 */
export class ClusterAccess {
  readonly #permissions: PermissionsService;
  readonly #index: FleetIndex;
  readonly #ruleset?: PermissionRuleset<
    CapiClusterResource,
    CapiClusterPredicate
  >;
  /**
   * Permission resources by the Cluster object they were read from: a
   * changed Cluster is a new object, so an entry never outlives its facts,
   * and conditional filters over thousands of clusters build each once.
   */
  readonly #resources = new WeakMap<TrimmedCluster, CapiClusterResource>();

  static create(options: {
    permissions: PermissionsService;
    index: FleetIndex;
    /** The registry's ruleset, so rules added by modules apply too. */
    ruleset?: PermissionRuleset<CapiClusterResource, CapiClusterPredicate>;
  }): ClusterAccess {
    return new ClusterAccess(options);
  }

  private constructor(options: {
    permissions: PermissionsService;
    index: FleetIndex;
    ruleset?: PermissionRuleset<CapiClusterResource, CapiClusterPredicate>;
  }) {
    this.#permissions = options.permissions;
    this.#index = options.index;
    this.#ruleset = options.ruleset;
  }

  /** The permission resource of a cached cluster, or undefined when unknown. */
  resource(id: string): CapiClusterResource | undefined {
    const cluster = this.#index.clusterObject(id);
    if (!cluster) return undefined;
    let resource = this.#resources.get(cluster);
    if (!resource) {
      resource = this.#build(id, cluster);
      if (resource) this.#resources.set(cluster, resource);
    }
    return resource;
  }

  #build(id: string, cluster: TrimmedCluster): CapiClusterResource | undefined {
    let ref;
    try {
      ref = parseClusterRef(id);
    } catch {
      return undefined;
    }
    const resource: CapiClusterResource = {
      ref: stringifyClusterRef(ref),
      ...ref,
      labels: { ...cluster.labels },
    };
    const owner = ownerOf(cluster);
    if (owner) resource.owner = owner;
    const linked = entityRefsOf(cluster);
    if (linked.length > 0) {
      resource.entityRef = linked[0];
      resource.entityRefs = linked;
    }
    return resource;
  }

  /** For the permissions registry: resources by ref, undefined for unknown refs. */
  async getResources(
    refs: string[],
  ): Promise<Array<CapiClusterResource | undefined>> {
    return refs.map(ref => this.resource(ref));
  }

  /**
   * The caller's read filter over cluster ids. ALLOW reads all, DENY none,
   * a conditional decision what its conditions match. Conditions the
   * backend cannot evaluate deny (and throw, so the policy gets fixed).
   */
  async readFilter(
    credentials: BackstageCredentials,
  ): Promise<ClusterIdFilter> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission: capiClusterReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return () => true;
    if (decision.result !== AuthorizeResult.CONDITIONAL) return () => false;
    const predicate = createCapiClusterFilter(
      decision.conditions,
      this.#ruleset,
    );
    return id => {
      const resource = this.resource(id);
      return resource !== undefined && predicate(resource);
    };
  }

  async canReadFleet(credentials: BackstageCredentials): Promise<boolean> {
    const [decision] = await this.#permissions.authorize(
      [{ permission: capiFleetReadPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Throws NotAllowedError (403) unless the caller may read the fleet. */
  async requireFleet(credentials: BackstageCredentials): Promise<void> {
    if (!(await this.canReadFleet(credentials))) {
      throw new NotAllowedError(
        'The fleet view is for the platform team: it requires the capi.fleet.read permission',
      );
    }
  }
}
