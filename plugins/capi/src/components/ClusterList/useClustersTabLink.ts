import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';

/** Path of the Clusters tab below the entity page (see the README's install notes). */
export const CLUSTERS_TAB_PATH = 'clusters';

/** The URL parameter that picks the cluster the Clusters tab shows. */
export const CLUSTER_PARAM = 'cluster';

/**
 * A function giving the Clusters tab of the current entity, showing one
 * cluster when given its id; undefined when the app has no entity page
 * route (then there is no tab to link to).
 */
export function useClustersTabLink():
  | ((clusterId?: string) => string)
  | undefined {
  const { entity } = useEntity();
  let entityPath: string | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks -- always called, once
    entityPath = useRouteRef(entityRouteRef)(entityRouteParams(entity));
  } catch {
    entityPath = undefined;
  }
  if (!entityPath) return undefined;
  const tab = `${entityPath.replace(/\/$/, '')}/${CLUSTERS_TAB_PATH}`;
  return clusterId =>
    clusterId
      ? `${tab}?${new URLSearchParams({ [CLUSTER_PARAM]: clusterId })}`
      : tab;
}
