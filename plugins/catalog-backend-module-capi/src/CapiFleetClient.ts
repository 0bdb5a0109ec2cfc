import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CAPI_API_PATHS,
  ClusterListItem,
  ClusterRef,
  ClusterSummary,
  ClusterWithoutMachines,
  FleetResponse,
  ManagementClusterHealth,
} from '@capstan/plugin-capi-common';

/**
 * Every cluster the capi backend knows, and whether the list can be trusted
 * to be complete (so that clusters missing from it may be removed).
 *
 * @public
 */
export interface FleetSnapshot {
  /** The fleet's list items: summaries without machines. */
  items: ClusterWithoutMachines[];
  complete: boolean;
  /** Why the list may be incomplete. */
  incompleteReason?: string;
  /**
   * Management clusters whose clusters `items` holds completely, even when
   * the list as a whole is incomplete: every page's answering instance had
   * synced them and was in contact, and the fleet did not change while it
   * was being read. Clusters of these missing from `items` are gone.
   */
  coveredManagementClusters: string[];
  /**
   * The list is incomplete only because management clusters are still
   * connecting or not yet synced by the answering instance: normal right
   * after a start, not a fault.
   */
  settling?: boolean;
}

/**
 * Reads clusters from the capi backend plugin's REST API with a service
 * token.
 *
 * @public
 */
export interface CapiFleetReader {
  readFleet(): Promise<FleetSnapshot>;
  /**
   * Undefined when the cluster is gone: the capi backend answered 404, which
   * it does only when it has synced the cluster's management cluster. Throws
   * when the answer is unknown, e.g. 503 from an instance that has not
   * synced that management cluster yet.
   */
  getCluster(ref: ClusterRef): Promise<ClusterSummary | undefined>;
}

/**
 * Whether a list from the capi backend covers a management cluster: the
 * answering instance has synced it at least once (`lastSyncAt`) and is in
 * contact with it. A `degraded` management cluster counts (its cache keeps
 * the last complete list); one that is `connecting`, `down`, stale or was
 * never synced does not, since its clusters may be missing.
 */
function why(mc: ManagementClusterHealth): string {
  if (mc.stale) return 'stale';
  return mc.lastSyncAt ? mc.state : 'not synced yet';
}

/** Connecting, or never synced by this instance, and not stale: a start, not a fault. */
function isStarting(mc: ManagementClusterHealth): boolean {
  return !mc.stale && (mc.state === 'connecting' || !mc.lastSyncAt);
}

function coversManagementCluster(mc: ManagementClusterHealth): boolean {
  return (
    !mc.stale &&
    Boolean(mc.lastSyncAt) &&
    (mc.state === 'synced' || mc.state === 'degraded')
  );
}

/**
 * {@link CapiFleetReader} over HTTP.
 *
 * @public
 */
export class CapiFleetClient implements CapiFleetReader {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #pageSize: number;

  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    /** 1..500 */
    pageSize?: number;
  }): CapiFleetClient {
    return new CapiFleetClient(
      options.discovery,
      options.auth,
      options.pageSize ?? 500,
    );
  }

  private constructor(
    discovery: DiscoveryService,
    auth: AuthService,
    pageSize: number,
  ) {
    this.#discovery = discovery;
    this.#auth = auth;
    this.#pageSize = pageSize;
  }

  async readFleet(): Promise<FleetSnapshot> {
    const byId = new Map<string, ClusterWithoutMachines>();
    let offset = 0;
    let firstPage: FleetResponse<ClusterListItem> | undefined;
    let totalChanged = false;
    // Pages may come from different replicas: every page's view counts.
    const uncovered = new Map<string, string>();
    let onlyStarting = true;
    const named = new Set<string>();
    let covered: Set<string> | undefined;
    for (;;) {
      // `view=summaries`: every field the entity is made of (labels,
      // entity refs, endpoint, GitOps link), not only the fleet table's.
      const page = await this.#get<FleetResponse<ClusterListItem>>(
        `${CAPI_API_PATHS.fleet}?offset=${offset}&limit=${
          this.#pageSize
        }&view=summaries`,
      );
      if (!page) {
        throw new Error(
          `The capi backend answered 404 for ${CAPI_API_PATHS.fleet}; is @capstan/plugin-capi-backend installed?`,
        );
      }
      if (!Array.isArray(page.items) || typeof page.total !== 'number') {
        throw new Error(
          `The capi backend returned a malformed fleet page at offset ${offset}`,
        );
      }
      firstPage ??= page;
      if (page.total !== firstPage.total) {
        totalChanged = true;
      }
      const pageCovered = new Set<string>();
      for (const mc of page.managementClusters ?? []) {
        named.add(mc.name);
        if (coversManagementCluster(mc)) {
          pageCovered.add(mc.name);
        } else if (!uncovered.has(mc.name)) {
          uncovered.set(mc.name, `management cluster ${mc.name} is ${why(mc)}`);
        }
        if (!coversManagementCluster(mc) && !isStarting(mc)) {
          onlyStarting = false;
        }
      }
      covered = covered
        ? new Set([...covered].filter(name => pageCovered.has(name)))
        : pageCovered;
      for (const item of page.items) {
        byId.set(item.id, item);
      }
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) {
        break;
      }
    }

    const items = [...byId.values()];
    const reasons: string[] = [];
    // Offset paging over a list that changed between pages can skip items.
    const changedWhileRead = totalChanged || items.length !== firstPage.total;
    if (changedWhileRead) {
      reasons.push('the fleet changed while it was being read');
    }
    reasons.push(...uncovered.values());
    for (const name of named) {
      if (!covered?.has(name) && !uncovered.has(name)) {
        reasons.push(`management cluster ${name} is missing from some pages`);
      }
    }
    return {
      items,
      complete: reasons.length === 0,
      incompleteReason: reasons.length ? reasons.join('; ') : undefined,
      settling:
        reasons.length > 0 && reasons.length === uncovered.size && onlyStarting,
      coveredManagementClusters: changedWhileRead ? [] : [...(covered ?? [])],
    };
  }

  async getCluster(ref: ClusterRef): Promise<ClusterSummary | undefined> {
    return this.#get<ClusterSummary>(CAPI_API_PATHS.cluster(ref));
  }

  async #get<T>(path: string): Promise<T | undefined> {
    const baseUrl = await this.#discovery.getBaseUrl('capi');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'capi',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
