import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { coreApis } from '@backstage/frontend-plugin-api';
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
 * The clusters a day-2 template can change, the user's own first, with the
 * names that need their place beside them.
 */
export function usePickableClusters(action?: ClusterPickerAction) {
  const api = useApi(capiApiRef);
  const identityApi = useApi(coreApis.identity);
  const { value, loading, error } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return loadPickableClusters(api, identity.ownershipEntityRefs);
  }, [api, identityApi]);
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
