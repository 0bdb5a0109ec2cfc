import { useMemo } from 'react';
import {
  CAPI_SIGNAL_CHANNELS,
  type ChangeRequest,
  type ChangeRequestsResponse,
} from '@capstan/plugin-capi-common';
import { useLiveLoad } from '../../hooks/useLiveLoad';
import { useChangeRequestsClient } from './changeRequestsClient';
import { hasEnded } from './changeRequestText';

const NONE: ReadonlyMap<string, ChangeRequest[]> = new Map();

/**
 * The open change requests of an entity's clusters, by cluster id, live.
 * Empty when they cannot be read: the clusters are the list's subject.
 */
export function useEntityChangeRequests(
  entityRef: string,
): ReadonlyMap<string, ChangeRequest[]> {
  const client = useChangeRequestsClient();
  const { value } = useLiveLoad<ChangeRequestsResponse | undefined>(
    CAPI_SIGNAL_CHANNELS.entity(entityRef),
    async () => client?.openForEntity(entityRef),
    [client, entityRef],
  );
  return useMemo(() => {
    if (!value) return NONE;
    const byCluster = new Map<string, ChangeRequest[]>();
    for (const request of value.items) {
      byCluster.set(request.clusterId, [
        ...(byCluster.get(request.clusterId) ?? []),
        request,
      ]);
    }
    return byCluster;
  }, [value]);
}

/** Whether a cluster has a change request under way, or one that just ended. */
export function changeActivityOf(
  requests: readonly ChangeRequest[] | undefined,
): 'open' | 'ended' | undefined {
  if (!requests || requests.length === 0) return undefined;
  return requests.some(r => !hasEnded(r)) ? 'open' : 'ended';
}
