import { useEffect, useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { capiApiRef } from '../../api';
import { loadClusterPools } from '../ChangeCountField/currentPool';

/**
 * The node pools of the cluster a form names (by the names the day-2
 * templates take); nothing while no cluster is chosen.
 */
export function useClusterPools(clusterRef: string | undefined) {
  const api = useApi(capiApiRef);
  return useAsync(
    async () => (clusterRef ? loadClusterPools(api, clusterRef) : undefined),
    [api, clusterRef],
  );
}

/**
 * Empties the field when the user picks another cluster: a pool name of the
 * one before means nothing there. The cluster a form opens with (a deep
 * link's) keeps the pool it came with.
 */
export function useClearOnClusterChange(
  clusterRef: string | undefined,
  value: string | undefined,
  clear: () => void,
) {
  const before = useRef(clusterRef);
  useEffect(() => {
    if (before.current === clusterRef) return;
    const hadCluster = before.current !== undefined;
    before.current = clusterRef;
    if (hadCluster && value) clear();
  }, [clusterRef, value, clear]);
}
