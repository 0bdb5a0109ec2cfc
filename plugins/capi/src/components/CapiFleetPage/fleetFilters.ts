import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  ClusterStatus,
  FleetQuery,
  PatchStateName,
} from '@capstan/plugin-capi-common';

/** URL query keys of the fleet page's filters, so a reload or a shared link keeps them. */
export const FLEET_FILTER_PARAMS = {
  managementCluster: 'mc',
  status: 'status',
  version: 'version',
  patchState: 'patch',
  owner: 'owner',
  search: 'q',
} as const;

/**
 * An owner as the URL may carry it (`team-payments`, `group:team-payments`)
 * as the full ref clusters record (`group:default/team-payments`).
 */
export function ownerRefOf(value: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return value;
  }
}

/** Whether any filter of the page is set. */
export function hasFleetFilters(params: URLSearchParams): boolean {
  return Object.values(FLEET_FILTER_PARAMS).some(key =>
    params.getAll(key).some(Boolean),
  );
}

export function fleetQueryFromSearchParams(
  params: URLSearchParams,
): FleetQuery {
  const list = (key: string) => {
    const values = params.getAll(key).filter(Boolean);
    return values.length ? values : undefined;
  };
  return {
    managementCluster: list(FLEET_FILTER_PARAMS.managementCluster),
    status: list(FLEET_FILTER_PARAMS.status) as ClusterStatus[] | undefined,
    version: list(FLEET_FILTER_PARAMS.version),
    patchState: list(FLEET_FILTER_PARAMS.patchState) as
      | PatchStateName[]
      | undefined,
    owner: list(FLEET_FILTER_PARAMS.owner)?.map(ownerRefOf),
    search: params.get(FLEET_FILTER_PARAMS.search) || undefined,
    // The campaign view needs every machine, not one page of clusters.
    limit: 500,
  };
}

/** Returns new params with `key` set to `values` (removed when empty). */
export function withFilter(
  params: URLSearchParams,
  key: string,
  values: string | string[] | undefined,
): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete(key);
  for (const value of ([] as string[]).concat(values ?? [])) {
    if (value) next.append(key, value);
  }
  return next;
}
