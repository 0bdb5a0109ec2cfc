import { useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CAPI_PAGE_LIMITS,
  type ClusterSummary,
  type FleetClusterRow,
} from '@capstan/plugin-capi-common';
import { capiApiRef, type CapiApi } from '../api';

/** Detail requests in flight at once. */
const CONCURRENCY = 6;

/**
 * How long a cluster's machines are reused while its list item has not
 * changed. A machine patched without any change to the cluster's list item
 * (it was up to date before) shows after at most this long.
 */
export const FLEET_MACHINES_REUSE_MS = 60_000;

interface Loaded {
  /** The list item the machines were read for, as JSON. */
  item: string;
  at: number;
  cluster: ClusterSummary | undefined;
}

/** A cluster with every page of its machines, or undefined when it is gone. */
async function withMachines(
  api: CapiApi,
  item: FleetClusterRow,
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
 * update or another filter), reading only the clusters whose list item
 * changed (or whose machines are older than FLEET_MACHINES_REUSE_MS); the
 * last result stays while it reloads.
 */
export function useFleetPageMachines(
  items: FleetClusterRow[] | undefined,
  enabled: boolean,
) {
  const api = useApi(capiApiRef);
  const loaded = useRef(new Map<string, Loaded>());
  return useAsync(async (): Promise<ClusterSummary[] | undefined> => {
    if (!enabled || !items) return undefined;
    const now = Date.now();
    const previous = loaded.current;
    const current = new Map<string, Loaded>();
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++];
        const json = JSON.stringify(item);
        const kept = previous.get(item.id);
        current.set(
          item.id,
          kept && kept.item === json && now - kept.at < FLEET_MACHINES_REUSE_MS
            ? kept
            : { item: json, at: now, cluster: await withMachines(api, item) },
        );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // Only the clusters of this list are kept.
    loaded.current = current;
    return items
      .map(item => current.get(item.id)?.cluster)
      .filter((c): c is ClusterSummary => c !== undefined);
  }, [api, items, enabled]);
}
