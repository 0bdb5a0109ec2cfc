import type {
  ClusterCondition,
  ClusterProfileSummary,
  ClusterRef,
  ComplianceSeries,
  ManagementClusterHealth,
  PatchPolicySummary,
  PatchStateName,
  PatchSummary,
  ClusterStatus,
} from './types';
import type { ClusterListItem, PageInfo } from './paging';

/**
 * Routes of the capi backend plugin, relative to its base URL
 * (`discoveryApi.getBaseUrl('capi')`).
 *
 * @public
 */
export const CAPI_API_PATHS = {
  clusters: '/clusters',
  cluster: (ref: {
    managementCluster: string;
    namespace: string;
    name: string;
  }) =>
    `/clusters/${encodeURIComponent(
      ref.managementCluster,
    )}/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.name)}`,
  fleet: '/fleet',
  fleetCompliance: '/fleet/compliance',
  fleetDrift: '/fleet/drift',
  managementClusters: '/management-clusters',
  profiles: '/profiles',
} as const;

/**
 * `GET /clusters?entityRef=[&offset=&limit=]`: one page of the entity's
 * clusters, ordered by id, without machines (see `ClusterListItem`).
 *
 * @public
 */
export interface EntityClustersResponse extends PageInfo {
  entityRef: string;
  items: ClusterListItem[];
  /** Management clusters whose data is stale and that may hold more of the entity's clusters. */
  staleManagementClusters: string[];
}

/**
 * Filters of `GET /fleet`. Each list filter matches any of its values.
 *
 * @public
 */
export interface FleetQuery {
  managementCluster?: string[];
  version?: string[];
  status?: ClusterStatus[];
  phase?: string[];
  patchState?: PatchStateName[];
  owner?: string[];
  /** Substring match on the cluster name. */
  search?: string;
  offset?: number;
  /** Page size, 1..500; default 50. */
  limit?: number;
  /**
   * What each item holds: `rows` (default), the fleet table's
   * {@link FleetClusterRow}; `summaries`, a {@link ClusterListItem} with
   * node pools, conditions and upgrade options, for readers that need them
   * for every cluster (the catalog provider, the day-2 cluster picker).
   */
  view?: FleetView;
}

/**
 * What the items of `GET /fleet` hold; see {@link FleetQuery}.view.
 *
 * @public
 */
export type FleetView = 'rows' | 'summaries';

/**
 * One cluster on the fleet page (`GET /fleet`): only what the fleet table
 * and cards read, so that a page of 50 stays a few tens of KB at 50,000
 * clusters. Node pools, conditions, upgrade options and machines come from
 * `GET /clusters/:managementCluster/:namespace/:name`.
 *
 * @public
 */
export interface FleetClusterRow extends ClusterRef {
  /** `managementCluster/namespace/name`; the cluster's links are built from it. */
  id: string;
  /** Name of the cluster's catalog `Resource` entity (see `ClusterSummary.entityName`). */
  entityName?: string;
  managementClusterTitle?: string;
  /** Full owner entity ref, when known. */
  owner?: string;
  /** Infrastructure provider, e.g. `vsphere`, `aws`. */
  provider?: string;
  phase: string;
  status: ClusterStatus;
  /** The condition to read first (see `ClusterSummary.headline`). */
  headline?: ClusterCondition;
  desiredVersion?: string;
  actualVersion?: string;
  machineCount: number;
  patch: PatchSummary;
  stale: boolean;
  /** RFC 3339: when data from the management cluster was last current. */
  staleSince?: string;
}

/**
 * `GET /fleet`: fleet-wide summary plus one page of clusters. The page's
 * items are {@link FleetClusterRow}s (`view=summaries`:
 * `FleetResponse<ClusterListItem>`); a cluster's pools and machines come
 * from `GET /clusters/:managementCluster/:namespace/:name`.
 *
 * @public
 */
export interface FleetResponse<Item = FleetClusterRow> {
  /** Figures of the clusters that match the query's filters (not only the page returned). */
  summary: {
    clusters: number;
    machines: number;
    byStatus: Record<string, number>;
    byPhase: Record<string, number>;
    byVersion: Record<string, number>;
    patch: {
      upToDate: number;
      pending: number;
      overdue: number;
      unknown: number;
      rebootRequired: number;
      total: number;
      compliance: number;
    };
    /** Overdue machines grouped by cluster, most overdue first. */
    overdue: Array<{
      clusterId: string;
      cluster: string;
      managementCluster: string;
      owner?: string;
      machines: Array<{
        name: string;
        nodeName?: string;
        securityPendingSince?: string;
        dueBy?: string;
      }>;
    }>;
  };
  policy: PatchPolicySummary;
  /** Counts after filtering. */
  total: number;
  offset: number;
  limit: number;
  /** The page of clusters, ordered by id. */
  items: Item[];
  managementClusters: ManagementClusterHealth[];
  /**
   * Values the filters can take, from the whole fleet (so picking one owner
   * still offers the others).
   */
  facets?: { owners: string[]; versions: string[] };
}

/**
 * `GET /fleet/compliance?from=&to=&scope=`
 *
 * @public
 */
export interface ComplianceResponse {
  from: string;
  to: string;
  series: ComplianceSeries[];
}

/**
 * `GET /management-clusters`
 *
 * @public
 */
export interface ManagementClustersResponse {
  items: ManagementClusterHealth[];
}

/**
 * `GET /profiles`
 *
 * @public
 */
export interface ProfilesResponse {
  items: ClusterProfileSummary[];
}

/**
 * Signal channels the backend publishes to. Messages are
 * {@link CapiSignalMessage}s. There is no per-cluster channel: a notice on
 * a channel named after a cluster would tell anyone who subscribes that the
 * cluster exists.
 *
 * @public
 */
export const CAPI_SIGNAL_CHANNELS = {
  /** Every change, for the fleet page. */
  fleet: 'capi:fleet',
  /** Changes to the clusters linked to an entity, for its card and tab. */
  entity: (entityRef: string) =>
    `capi:entity:${entityRef.toLocaleLowerCase('en-US')}`,
} as const;

/**
 * What a signal carries: only that something changed. Any signed-in user
 * can subscribe to any channel, so a notice names no cluster, owner or
 * management cluster; clients refetch through the REST API, which answers
 * with what the caller may read.
 *
 * @public
 */
export interface CapiSignalMessage {
  type: 'refresh';
}

/**
 * Topics the capi backend publishes on the Backstage events service.
 *
 * @public
 */
export const CAPI_EVENT_TOPICS = {
  /** Workload clusters changed; payload is {@link CapiClustersChangedEventPayload}. */
  clusters: 'capstan.capi.clusters',
} as const;

/**
 * Payload of {@link CAPI_EVENT_TOPICS}.clusters: ids (`managementCluster/namespace/name`)
 * of clusters that were added or changed, and of clusters that are gone.
 *
 * @public
 */
export interface CapiClustersChangedEventPayload {
  changed: string[];
  removed: string[];
}
