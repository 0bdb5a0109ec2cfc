import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  CAPI_PAGE_LIMITS,
  type ClusterDetailResponse,
  type ClusterRef,
} from '@capstan/plugin-capi-common';
import { capiApiRef } from '../api';
import { useLiveLoad } from './useLiveLoad';

/**
 * One page of a cluster's machines from the detail endpoint, refetched on
 * every signal of `channel` (the entity the cluster is shown for).
 */
export function useClusterMachines(
  ref: ClusterRef,
  channel: string,
  pageSize: number = CAPI_PAGE_LIMITS.machines.default,
) {
  const api = useApi(capiApiRef);
  const [offset, setOffset] = useState(0);
  const { managementCluster, namespace, name } = ref;
  const state = useLiveLoad<ClusterDetailResponse>(
    channel,
    () =>
      api.getCluster(
        { managementCluster, namespace, name },
        { offset, limit: pageSize },
      ),
    [api, managementCluster, namespace, name, offset, pageSize],
  );
  const total = state.value?.machinePage.total;
  useEffect(() => {
    if (total !== undefined && offset > 0 && offset >= total) {
      setOffset(Math.max(0, Math.ceil(total / pageSize) - 1) * pageSize);
    }
  }, [total, offset, pageSize]);
  return { ...state, offset, pageSize, setOffset };
}
