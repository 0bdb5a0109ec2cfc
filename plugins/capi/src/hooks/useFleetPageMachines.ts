import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CAPI_PAGE_LIMITS,
  type ClusterListItem,
  type ClusterSummary,
} from '@capstan/plugin-capi-common';
import { capiApiRef, type CapiApi } from '../api';

/** Detail requests in flight at once. */
const CONCURRENCY = 6;

/** A cluster with every page of its machines, or undefined when it is gone. */
async function withMachines(
  api: CapiApi,
  item: ClusterListItem,
): Promise<ClusterSummary | undefined> {
  const limit = CAPI_PAGE_LIMITS.machines.max;
  const machines: ClusterSummary['machines'] = [];
  try {
    for (let offset = 0; ; offset += limit) {
      const detail = await api.getCluster(item, { offset, limit });
      machines.push(...detail.machines);
      if (
        machines.length >= detail.machinePage.total ||
        detail.machines.length === 0
      ) {
        const { machinePage: _page, ...summary } = detail;
        return { ...summary, machines };
      }
    }
  } catch (error) {
    // Deleted since the list was read: nothing to count.
    if (error instanceof ResponseError && error.statusCode === 404) {
      return undefined;
    }
    throw error;
  }
}

/**
 * The machines of the clusters on the fleet page, for what the page works
 * out per machine (a patch campaign's progress). The fleet list carries no
 * machines; each cluster's come from the detail endpoint, a few requests at
 * a time. Loads only while `enabled`, and again for each new list (a live
 * update or another filter); the last result stays while it reloads.
 */
export function useFleetPageMachines(
  items: ClusterListItem[] | undefined,
  enabled: boolean,
) {
  const api = useApi(capiApiRef);
  return useAsync(async (): Promise<ClusterSummary[] | undefined> => {
    if (!enabled || !items) return undefined;
    const result: Array<ClusterSummary | undefined> = [];
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const at = next++;
        result[at] = await withMachines(api, items[at]);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return result.filter((c): c is ClusterSummary => c !== undefined);
  }, [api, items, enabled]);
}
