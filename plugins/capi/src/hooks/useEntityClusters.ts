import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  CAPI_PAGE_LIMITS,
  CAPI_SIGNAL_CHANNELS,
  type EntityClustersResponse,
} from '@capstan/plugin-capi-common';
import { capiApiRef } from '../api';
import { useLiveLoad } from './useLiveLoad';

/**
 * One page of the current entity's clusters (without machines), live: the
 * shown page is refetched on every signal for the entity, and a new page is
 * fetched when the user pages. While the next page loads the previous one
 * stays on screen.
 */
export function useEntityClusters(
  pageSize: number = CAPI_PAGE_LIMITS.clusters.default,
) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(capiApiRef);
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [entityRef]);
  const state = useLiveLoad<EntityClustersResponse>(
    CAPI_SIGNAL_CHANNELS.entity(entityRef),
    () => api.getEntityClusters(entityRef, { offset, limit: pageSize }),
    [api, entityRef, offset, pageSize],
  );
  const total = state.value?.total;
  useEffect(() => {
    // Clusters went away while a later page was shown: show the last page.
    if (total !== undefined && offset > 0 && offset >= total) {
      setOffset(Math.max(0, Math.ceil(total / pageSize) - 1) * pageSize);
    }
  }, [total, offset, pageSize]);
  return { entityRef, ...state, offset, pageSize, setOffset };
}
