import useAsync from 'react-use/esm/useAsync';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { coreApis } from '@backstage/frontend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { capiFleetReadPermission } from '@capstan/plugin-capi-common';
import { capiApiRef } from '../../api';
import { ambiguousNames, placeOf } from '../ClusterList/clusterAttention';
import {
  canPick,
  loadPickableClusters,
  type ClusterPickerAction,
  type PickableCluster,
} from './pickableClusters';

/**
 * How a picker and Review name a cluster: its name, with namespace and
 * management cluster only when another offered cluster has the same name
 * (the rule of the card, the tab and the fleet page).
 */
export function clusterLabel(
  cluster: PickableCluster,
  ambiguous: ReadonlySet<string>,
): string {
  return ambiguous.has(cluster.name)
    ? `${cluster.name} (${placeOf(cluster)})`
    : cluster.name;
}

/**
 * The `capi.fleet.read` decision, so that a developer's picker does not ask
 * `/fleet` only to be refused; undefined when it cannot be had (then the
 * picker asks `/fleet`, and the backend decides).
 */
async function mayReadFleet(
  permissionApi: typeof permissionApiRef.T | undefined,
): Promise<boolean | undefined> {
  if (!permissionApi) return undefined;
  try {
    const { result } = await permissionApi.authorize({
      permission: capiFleetReadPermission,
    });
    return result !== AuthorizeResult.DENY;
  } catch {
    return undefined;
  }
}

/**
 * The clusters a day-2 template can change, the user's own first, with the
 * names that need their place beside them.
 */
export function usePickableClusters(action?: ClusterPickerAction) {
  const api = useApi(capiApiRef);
  const identityApi = useApi(coreApis.identity);
  const permissionApi = useApiHolder().get(permissionApiRef);
  const { value, loading, error } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return loadPickableClusters(
      api,
      identity.ownershipEntityRefs,
      await mayReadFleet(permissionApi),
    );
  }, [api, identityApi, permissionApi]);
  const owned = (c: PickableCluster) =>
    !!c.owner && !!value?.ownershipRefs.includes(c.owner);
  // Only clusters the template can change: anything else could only fail.
  const options = (value?.clusters ?? [])
    .filter(c => canPick(c, action))
    .sort(
      (a, b) =>
        Number(owned(b)) - Number(owned(a)) ||
        a.name.localeCompare(b.name) ||
        a.id.localeCompare(b.id),
    );
  return {
    options,
    // Over every cluster loaded, so the picker and Review name a cluster alike.
    ambiguous: ambiguousNames(value?.clusters ?? []),
    all: value?.clusters ?? [],
    /** Loaded clusters the template cannot change. */
    hidden: (value?.clusters.length ?? 0) - options.length,
    scope: value?.scope,
    total: value?.clusters.length,
    owned,
    loading,
    error,
  };
}
