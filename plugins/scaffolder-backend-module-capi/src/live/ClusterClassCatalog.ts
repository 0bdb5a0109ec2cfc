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
  | { state: 'unknown'; reason: string; notListedYet?: true }
  /** The management cluster serves no ClusterClass API: nothing to check against. */
  | { state: 'no-api' };

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
  readonly #syncWaitMs: number;

  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
    timeoutMs?: number;
    /** How long to wait for a management cluster the backend has not listed yet (default 10 s). */
    syncWaitMs?: number;
  }) {
    return new CapiBackendClusterClassCatalog(options);
  }

  private constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
    timeoutMs?: number;
    syncWaitMs?: number;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#syncWaitMs = options.syncWaitMs ?? 10_000;
  }

  /**
   * What the backend knows; a management cluster it has not listed yet (a
   * backend just started) is asked again for a few seconds, as an unchecked
   * change is refused.
   */
  async find(
    ref: { managementCluster: string; namespace: string; name: string },
    signal?: AbortSignal,
  ): Promise<ClusterClassLookup> {
    const deadline = Date.now() + this.#syncWaitMs;
    for (;;) {
      const lookup = await this.#findOnce(ref, signal);
      if (
        lookup.state !== 'unknown' ||
        !lookup.notListedYet ||
        Date.now() >= deadline ||
        signal?.aborted
      ) {
        return lookup;
      }
      await new Promise(resolve => setTimeout(resolve, 1_000));
    }
  }

  async #findOnce(
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
    if (body.withoutClusterClassApi?.includes(ref.managementCluster)) {
      return { state: 'no-api' };
    }
    return {
      state: 'unknown',
      reason: `the capi backend has not listed the ClusterClasses of ${ref.managementCluster} yet`,
      notListedYet: true,
    };
  }
}
