import {
  discoveryApiRef,
  fetchApiRef,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CHANGE_REQUEST_API_PATHS,
  type ChangeRequestsResponse,
} from '@capstan/plugin-capi-common';
import { useMemo } from 'react';

/** Reads change requests from the capi backend. */
export interface ChangeRequestsClient {
  /** Open requests of a cluster, and those that ended in the last minutes. */
  open(clusterId: string): Promise<ChangeRequestsResponse>;
  /** Open requests of every cluster of an entity, in one answer. */
  openForEntity(entityRef: string): Promise<ChangeRequestsResponse>;
  /** A cluster's requests, newest first. */
  history(
    clusterId: string,
    page: { offset: number; limit: number },
  ): Promise<ChangeRequestsResponse>;
}

/** An API the app may not provide, or cannot build (e.g. no backend.baseUrl). */
function optionalApi<T>(get: () => T | undefined): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

/**
 * The client, or undefined in an app without discovery and fetch APIs (then
 * the card simply shows no change requests).
 */
export function useChangeRequestsClient(): ChangeRequestsClient | undefined {
  const apis = useApiHolder();
  const discovery = optionalApi(() => apis.get(discoveryApiRef));
  const fetchApi = optionalApi(() => apis.get(fetchApiRef));
  return useMemo(() => {
    if (!discovery || !fetchApi) return undefined;
    const get = async (path: string, query: Record<string, string>) => {
      const base = await discovery.getBaseUrl('capi');
      const response = await fetchApi.fetch(
        `${base}${path}?${new URLSearchParams(query)}`,
      );
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return (await response.json()) as ChangeRequestsResponse;
    };
    return {
      open: clusterId =>
        get(CHANGE_REQUEST_API_PATHS.changeRequests, { cluster: clusterId }),
      openForEntity: entityRef =>
        get(CHANGE_REQUEST_API_PATHS.changeRequests, { entityRef }),
      history: (clusterId, page) =>
        get(CHANGE_REQUEST_API_PATHS.history, {
          cluster: clusterId,
          offset: String(page.offset),
          limit: String(page.limit),
        }),
    };
  }, [discovery, fetchApi]);
}
