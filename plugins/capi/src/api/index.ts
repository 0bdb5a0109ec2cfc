import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ClusterRef,
  ClusterSummary,
  ComplianceResponse,
  EntityClustersResponse,
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
 * What the capi frontend reads from the capi backend.
 *
 * @public
 */
export interface CapiApi {
  getEntityClusters(entityRef: string): Promise<EntityClustersResponse>;
  getCluster(ref: ClusterRef): Promise<ClusterSummary>;
  getFleet(query?: FleetQuery): Promise<FleetResponse>;
  getFleetCompliance(query?: FleetComplianceQuery): Promise<ComplianceResponse>;
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
