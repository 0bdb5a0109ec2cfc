import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  CLUSTER_CLASSES_PATH,
  type ClusterClassSummary,
  type ClusterClassesResponse,
} from '@capstan/plugin-capi-common';

/** What the capi backend knows of one ClusterClass. */
export type ClusterClassLookup =
  | { state: 'found'; clusterClass: ClusterClassSummary }
  /** The management cluster's classes are listed and this one is not among them. */
  | { state: 'missing' }
  /** The backend cannot tell (not synced, not reachable, an older backend). */
  | { state: 'unknown'; reason: string };

/** The ClusterClasses of the management clusters, with their variable definitions. */
export interface ClusterClassCatalog {
  find(
    ref: { managementCluster: string; namespace: string; name: string },
    signal?: AbortSignal,
  ): Promise<ClusterClassLookup>;
}

/** Asks the capi backend's watch cache, as this plugin's own service identity. */
export class CapiBackendClusterClassCatalog implements ClusterClassCatalog {
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
    return new CapiBackendClusterClassCatalog(options);
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

  async find(
    ref: { managementCluster: string; namespace: string; name: string },
    signal?: AbortSignal,
  ): Promise<ClusterClassLookup> {
    const query = new URLSearchParams(ref);
    let body: ClusterClassesResponse;
    try {
      const baseUrl = await this.#discovery.getBaseUrl('capi');
      const { token } = await this.#auth.getPluginRequestToken({
        onBehalfOf: await this.#auth.getOwnServiceCredentials(),
        targetPluginId: 'capi',
      });
      const bound = AbortSignal.timeout(this.#timeoutMs);
      const response = await this.#fetch(
        `${baseUrl}${CLUSTER_CLASSES_PATH}?${query}`,
        {
          headers: { Authorization: `Bearer ${token}` },
          signal: signal ? AbortSignal.any([signal, bound]) : bound,
        },
      );
      if (!response.ok) {
        return {
          state: 'unknown',
          reason: `the capi backend answered HTTP ${response.status}`,
        };
      }
      body = (await response.json()) as ClusterClassesResponse;
    } catch {
      return { state: 'unknown', reason: 'the capi backend did not answer' };
    }
    const found = body.items?.find(
      c =>
        c.managementCluster === ref.managementCluster &&
        c.namespace === ref.namespace &&
        c.name === ref.name,
    );
    if (found && Array.isArray(found.variables)) {
      return { state: 'found', clusterClass: found };
    }
    if (body.synced?.includes(ref.managementCluster)) {
      return { state: 'missing' };
    }
    return {
      state: 'unknown',
      reason: `the capi backend has not listed the ClusterClasses of ${ref.managementCluster} yet`,
    };
  }
}
