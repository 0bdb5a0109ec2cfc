import {
  discoveryApiRef,
  fetchApiRef,
  useApiHolder,
} from '@backstage/core-plugin-api';
import {
  PATCH_CAMPAIGN_API_PATHS,
  type FleetQuery,
  type NewPatchCampaign,
  type PatchCampaign,
  type PatchCampaignProgress,
  type PatchCampaignsResponse,
} from '@capstan/plugin-capi-common';
import { useMemo } from 'react';
import { fetchCapiJson } from '../../api/fetchCapiJson';

/** Reads and changes the patch campaigns the capi backend stores. */
export interface PatchCampaignsClient {
  /** Open campaigns, latest start first. */
  list(): Promise<PatchCampaignsResponse>;
  start(campaign: NewPatchCampaign): Promise<PatchCampaign>;
  /** Closes it; the backend keeps who, when and the final numbers. */
  close(id: string): Promise<PatchCampaign>;
  /** The last closed campaigns, last closed first. */
  past(): Promise<PatchCampaignsResponse>;
  /** Progress over every cluster the fleet filters match, counted by the backend. */
  progress(
    id: string,
    filters: CampaignFilters,
  ): Promise<PatchCampaignProgress>;
}

/** The fleet page's filters, without page and view. */
export type CampaignFilters = Omit<FleetQuery, 'offset' | 'limit' | 'view'>;

/** `?status=Degraded&owner=a&owner=b`: the filters as the fleet route reads them. */
export function campaignFilterParams(filters: CampaignFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, String(item));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

function optionalApi<T>(get: () => T | undefined): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

/** The client, or undefined in an app without discovery and fetch APIs. */
export function usePatchCampaignsClient(): PatchCampaignsClient | undefined {
  const apis = useApiHolder();
  const discovery = optionalApi(() => apis.get(discoveryApiRef));
  const fetchApi = optionalApi(() => apis.get(fetchApiRef));
  return useMemo(() => {
    if (!discovery || !fetchApi) return undefined;
    const call = async <T>(path: string, init?: RequestInit): Promise<T> => {
      const base = await discovery.getBaseUrl('capi');
      return fetchCapiJson<T>(fetchApi, `${base}${path}`, init);
    };
    const post = <T>(path: string, body?: unknown) =>
      call<T>(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
    return {
      list: () => call(PATCH_CAMPAIGN_API_PATHS.campaigns),
      start: campaign => post(PATCH_CAMPAIGN_API_PATHS.campaigns, campaign),
      close: id =>
        post(
          PATCH_CAMPAIGN_API_PATHS.close.replace(':id', encodeURIComponent(id)),
        ),
      past: () => call(PATCH_CAMPAIGN_API_PATHS.past),
      progress: (id, filters) =>
        call(
          `${PATCH_CAMPAIGN_API_PATHS.progress.replace(
            ':id',
            encodeURIComponent(id),
          )}${campaignFilterParams(filters)}`,
        ),
    };
  }, [discovery, fetchApi]);
}
