import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CAPI_API_PATHS,
  type ClusterDetailResponse,
  type ClusterListItem,
  type ClusterRef,
  type ComplianceResponse,
  type EntityClustersResponse,
  type FleetDriftResponse,
  type FleetQuery,
  type FleetResponse,
  type ManagementClustersResponse,
  type ProfilesResponse,
} from '@capstan/plugin-capi-common';
import type {
  CapiApi,
  FleetComplianceQuery,
  FleetDriftQuery,
  PageQuery,
} from './index';
import { fetchCapiJson } from './fetchCapiJson';

/** @public */
export interface CapiClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

type QueryValue = string | number | readonly string[] | undefined;

/**
 * Talks to the capi backend plugin at `discoveryApi.getBaseUrl('capi')`.
 * List filters are sent as repeated query parameters (`owner=a&owner=b`).
 *
 * @public
 */
export class CapiClient implements CapiApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: CapiClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  getEntityClusters(
    entityRef: string,
    page: PageQuery = {},
  ): Promise<EntityClustersResponse> {
    return this.#get(CAPI_API_PATHS.clusters, {
      entityRef,
      offset: page.offset,
      limit: page.limit,
    });
  }

  getCluster(
    ref: ClusterRef,
    machines: PageQuery = {},
  ): Promise<ClusterDetailResponse> {
    return this.#get(CAPI_API_PATHS.cluster(ref), {
      machineOffset: machines.offset,
      machineLimit: machines.limit,
    });
  }

  getFleet(query: Omit<FleetQuery, 'view'> = {}): Promise<FleetResponse> {
    return this.#get(CAPI_API_PATHS.fleet, { ...query });
  }

  getFleetSummaries(
    query: Omit<FleetQuery, 'view'> = {},
  ): Promise<FleetResponse<ClusterListItem>> {
    return this.#get(CAPI_API_PATHS.fleet, { ...query, view: 'summaries' });
  }

  getFleetCompliance(
    query: FleetComplianceQuery = {},
  ): Promise<ComplianceResponse> {
    return this.#get(CAPI_API_PATHS.fleetCompliance, { ...query });
  }

  getFleetDrift(query: FleetDriftQuery = {}): Promise<FleetDriftResponse> {
    return this.#get(CAPI_API_PATHS.fleetDrift, { ...query });
  }

  getManagementClusters(): Promise<ManagementClustersResponse> {
    return this.#get(CAPI_API_PATHS.managementClusters);
  }

  getProfiles(): Promise<ProfilesResponse> {
    return this.#get(CAPI_API_PATHS.profiles);
  }

  async #get<T>(
    path: string,
    query: Record<string, QueryValue> = {},
  ): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('capi');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === '') continue;
      if (Array.isArray(value)) {
        for (const item of value) params.append(key, item);
      } else {
        params.append(key, String(value));
      }
    }
    const search = params.toString();
    return fetchCapiJson<T>(
      this.#fetchApi,
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
    );
  }
}

/**
 * A one-line message for an error from {@link CapiClient}: the backend's own
 * message (e.g. "capi.fleet.read is not allowed") rather than the bare
 * "Request failed with 403 Forbidden".
 */
export function describeCapiError(error: Error): string {
  if (error instanceof ResponseError && error.cause?.message) {
    return `${error.cause.message} (${error.statusCode})`;
  }
  return error.message;
}
