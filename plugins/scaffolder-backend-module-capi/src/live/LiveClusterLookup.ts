import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  CAPI_API_PATHS,
  stringifyClusterRef,
  type ClusterRef,
  type ClusterSummary,
  type FleetResponse,
  type ManagementClustersResponse,
} from '@capstan/plugin-capi-common';

/** Whether a Cluster exists in its management cluster now. */
export interface LiveClusterLookup {
  exists(ref: ClusterRef, signal?: AbortSignal): Promise<boolean>;
  /**
   * Namespaces of a management cluster holding a live Cluster named `name`:
   * cluster names are unique per management cluster, across namespaces.
   */
  namespacesWithName(
    managementCluster: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<string[]>;
  /**
   * The cluster as the capi backend's watch cache sees it now; undefined when
   * it does not run in its (synced) management cluster. Fails closed.
   */
  summary(
    ref: ClusterRef,
    signal?: AbortSignal,
  ): Promise<ClusterSummary | undefined>;
}

/**
 * Asks the capi backend (its watch cache) as this plugin's own service
 * identity. A 404 counts as "absent" only when the backend has synced that
 * management cluster; otherwise the answer is unknown and the check fails
 * closed, so a cluster is never created over one that is not visible yet.
 */
export class CapiBackendClusterLookup implements LiveClusterLookup {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
    timeoutMs?: number;
  }) {
    return new CapiBackendClusterLookup(options);
  }

  private constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
    timeoutMs?: number;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  async #get(path: string, signal?: AbortSignal) {
    const baseUrl = await this.#discovery.getBaseUrl('capi');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'capi',
    });
    const bound = AbortSignal.timeout(this.#timeoutMs);
    return this.#fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: signal ? AbortSignal.any([signal, bound]) : bound,
    });
  }

  async exists(ref: ClusterRef, signal?: AbortSignal): Promise<boolean> {
    const id = stringifyClusterRef(ref);
    return (
      (await this.#read(
        ref,
        why =>
          new ServiceUnavailableError(
            `Cannot confirm that no cluster ${id} exists in management cluster ${ref.managementCluster}: ${why}. Try again later.`,
          ),
        signal,
      )) !== undefined
    );
  }

  async summary(
    ref: ClusterRef,
    signal?: AbortSignal,
  ): Promise<ClusterSummary | undefined> {
    const id = stringifyClusterRef(ref);
    const unknown = (why: string) =>
      new ServiceUnavailableError(
        `Cannot read what cluster ${id} runs now from management cluster ${ref.managementCluster}: ${why}. Try again later.`,
      );
    const summary = await this.#read(ref, unknown, signal);
    if (
      summary !== undefined &&
      (typeof summary !== 'object' ||
        typeof summary.status !== 'string' ||
        !summary.controlPlane ||
        !Array.isArray(summary.nodePools))
    ) {
      throw unknown('the capi backend answered something else than a cluster');
    }
    return summary;
  }

  async #read(
    ref: ClusterRef,
    unknown: (why: string) => ServiceUnavailableError,
    signal?: AbortSignal,
  ): Promise<ClusterSummary | undefined> {
    let response: Response;
    try {
      response = await this.#get(CAPI_API_PATHS.cluster(ref), signal);
    } catch {
      throw unknown('the capi backend did not answer');
    }
    if (response.ok) {
      try {
        return (await response.json()) as ClusterSummary;
      } catch {
        throw unknown('the capi backend answered no JSON');
      }
    }
    if (response.status !== 404) {
      throw unknown(`the capi backend answered HTTP ${response.status}`);
    }
    const health = await this.#get(CAPI_API_PATHS.managementClusters, signal)
      .then(r =>
        r.ok ? (r.json() as Promise<ManagementClustersResponse>) : undefined,
      )
      .catch(() => undefined);
    const mc = health?.items.find(m => m.name === ref.managementCluster);
    if (!mc) {
      throw unknown('it is not connected to the capi backend');
    }
    if (!mc.lastSyncAt) {
      throw unknown('the capi backend has not synced it yet');
    }
    return undefined;
  }

  async namespacesWithName(
    managementCluster: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const unknown = (why: string) =>
      new ServiceUnavailableError(
        `Cannot confirm that no cluster named "${name}" exists in management cluster ${managementCluster}: ${why}. Try again later.`,
      );
    const namespaces = new Set<string>();
    const limit = 500;
    for (let offset = 0; ; offset += limit) {
      const query = new URLSearchParams({
        managementCluster,
        search: name,
        limit: String(limit),
        offset: String(offset),
      });
      let page: FleetResponse;
      try {
        const response = await this.#get(
          `${CAPI_API_PATHS.fleet}?${query}`,
          signal,
        );
        if (!response.ok) {
          throw unknown(`the capi backend answered HTTP ${response.status}`);
        }
        page = (await response.json()) as FleetResponse;
      } catch (error) {
        if (error instanceof ServiceUnavailableError) throw error;
        throw unknown('the capi backend did not answer');
      }
      if (offset === 0) {
        const mc = page.managementClusters?.find(
          m => m.name === managementCluster,
        );
        if (!mc) throw unknown('it is not connected to the capi backend');
        if (!mc.lastSyncAt) {
          throw unknown('the capi backend has not synced it yet');
        }
      }
      for (const item of page.items ?? []) {
        if (item.managementCluster === managementCluster && item.name === name)
          namespaces.add(item.namespace);
      }
      if (offset + limit >= page.total || (page.items ?? []).length === 0) {
        return [...namespaces].sort();
      }
    }
  }
}
