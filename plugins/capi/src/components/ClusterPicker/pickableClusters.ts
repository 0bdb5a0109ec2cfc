import { ResponseError } from '@backstage/errors';
import {
  CAPI_PAGE_LIMITS,
  type ClusterListItem,
  type ClusterSummary,
} from '@capstan/plugin-capi-common';
import type { CapiApi } from '../../api';

/** A cluster the picker offers: from the fleet page or an entity's list (no machines needed). */
export type PickableCluster = ClusterListItem | ClusterSummary;

/** Every cluster linked to an entity, read a page (of the maximum size) at a time. */
async function allEntityClusters(
  api: CapiApi,
  entityRef: string,
): Promise<ClusterListItem[]> {
  const items: ClusterListItem[] = [];
  for (;;) {
    const page = await api.getEntityClusters(entityRef, {
      offset: items.length,
      limit: CAPI_PAGE_LIMITS.clusters.max,
    });
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

export interface PickableClusters {
  clusters: PickableCluster[];
  /** `fleet` when the user may read the whole fleet, else `owned`. */
  scope: 'fleet' | 'owned';
  ownershipRefs: string[];
}

/**
 * Clusters the user may pick: the whole fleet for people allowed to read it,
 * else the clusters linked to the user and their groups. `mayReadFleet` is
 * the permission decision when known (`false` skips `/fleet` altogether);
 * otherwise `/fleet` is tried and its 403 means "not allowed".
 */
export async function loadPickableClusters(
  api: CapiApi,
  ownershipRefs: string[],
  mayReadFleet?: boolean,
): Promise<PickableClusters> {
  if (mayReadFleet !== false) {
    try {
      const fleet = await api.getFleetSummaries({ limit: 500 });
      return { clusters: fleet.items, scope: 'fleet', ownershipRefs };
    } catch (error) {
      if (!(error instanceof ResponseError) || error.statusCode !== 403) {
        throw error;
      }
    }
  }
  // Ownership refs need not exist in the catalog (a user without a User
  // entity, say): the backend answers 404 for those, which means "no clusters".
  const results = await Promise.allSettled(
    ownershipRefs.map(ref => allEntityClusters(api, ref)),
  );
  const byId = new Map<string, PickableCluster>();
  for (const result of results) {
    if (result.status === 'fulfilled') {
      for (const cluster of result.value) byId.set(cluster.id, cluster);
    } else if (
      !(result.reason instanceof ResponseError) ||
      result.reason.statusCode !== 404
    ) {
      throw result.reason;
    }
  }
  return { clusters: [...byId.values()], scope: 'owned', ownershipRefs };
}

/** What the template does to the picked cluster (`ui:options.action`). */
export type ClusterPickerAction =
  | 'upgrade'
  | 'scale-node-pool'
  | 'add-node-pool'
  | 'remove-node-pool'
  | 'decommission';

export interface ClusterPickerUiOptions {
  action?: ClusterPickerAction;
}

/**
 * Whether a day-2 template can change the cluster: its folder must be in the
 * GitOps repository, and the action must have something to do (an allowed
 * newer version to upgrade to, a pool to scale or remove).
 */
export function canPick(
  cluster: PickableCluster,
  action?: ClusterPickerAction,
): boolean {
  if (cluster.gitManaged !== true) return false;
  switch (action) {
    case 'upgrade':
      return cluster.upgradeOptions.length > 0;
    case 'scale-node-pool':
    case 'remove-node-pool':
      return cluster.nodePools.length > 0;
    default:
      return true;
  }
}
