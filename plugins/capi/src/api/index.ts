import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ClusterDetailResponse,
  ClusterListItem,
  ClusterRef,
  ComplianceResponse,
  DriftState,
  EntityClustersResponse,
  FleetDriftResponse,
  FleetQuery,
  FleetResponse,
  ManagementClustersResponse,
  ProfilesResponse,
} from '@capstan/plugin-capi-common';

/**
 * Options of {@link CapiApi.getFleetCompliance}.
 *
 * @public
 */
export interface FleetComplianceQuery {
  /** RFC 3339 */
  from?: string;
  /** RFC 3339 */
  to?: string;
  /** `fleet`, `owner:<ref>` or `cluster:<id>`; default `fleet`. */
  scope?: string;
}

/**
 * Options of {@link CapiApi.getFleetDrift}.
 *
 * @public
 */
export interface FleetDriftQuery {
  /** The clusters in these states; all states when empty. */
  state?: DriftState[];
  offset?: number;
  /** Default 50, at most 500. */
  limit?: number;
}

/**
 * Which page of a paged read: `offset` items skipped, at most `limit`
 * returned (the backend's default and maximum apply).
 *
 * @public
 */
export interface PageQuery {
  offset?: number;
  limit?: number;
}

/**
 * What the capi frontend reads from the capi backend.
 *
 * @public
 */
export interface CapiApi {
  /** One page of the entity's clusters (no machines; default 25, at most 100). */
  getEntityClusters(
    entityRef: string,
    page?: PageQuery,
  ): Promise<EntityClustersResponse>;
  /** A cluster with one page of its machines (default 100, at most 500). */
  getCluster(
    ref: ClusterRef,
    machines?: PageQuery,
  ): Promise<ClusterDetailResponse>;
  /** The fleet page: figures and one page of rows (what the fleet table reads). */
  getFleet(query?: Omit<FleetQuery, 'view'>): Promise<FleetResponse>;
  /** The same page with list items (node pools, upgrade options; no machines), e.g. for the cluster picker. */
  getFleetSummaries(
    query?: Omit<FleetQuery, 'view'>,
  ): Promise<FleetResponse<ClusterListItem>>;
  getFleetCompliance(query?: FleetComplianceQuery): Promise<ComplianceResponse>;
  /** Git ↔ live drift: counts by state and the clusters in the asked-for states. */
  getFleetDrift(query?: FleetDriftQuery): Promise<FleetDriftResponse>;
  getManagementClusters(): Promise<ManagementClustersResponse>;
  getProfiles(): Promise<ProfilesResponse>;
}

/**
 * Reference to the {@link CapiApi}.
 *
 * @public
 */
export const capiApiRef = createApiRef<CapiApi>({ id: 'plugin.capi.service' });

export { CapiClient, describeCapiError } from './CapiClient';
export type { CapiClientOptions } from './CapiClient';
