import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { capiFleetReadPermission } from '@capstan/plugin-capi-common';

/** Whether the signed-in user may read the fleet, asked before loading it. */
export interface FleetAccess {
  /** True while the permission is being checked. */
  checking: boolean;
  /** False when the policy refuses; true when it allows or could not say. */
  allowed: boolean;
}

/**
 * Asks the permission backend for `capi.fleet.read` (one quick decision) so
 * that a user outside the platform team is told at once instead of waiting
 * for the fleet to load and be refused. When the check itself fails, the
 * page loads the fleet and lets the capi backend decide (it checks again).
 */
export function useFleetAccess(): FleetAccess {
  const permissionApi = useApi(permissionApiRef);
  const decision = useAsync(
    async () =>
      (await permissionApi.authorize({ permission: capiFleetReadPermission }))
        .result,
    [permissionApi],
  );
  if (decision.loading) return { checking: true, allowed: false };
  return {
    checking: false,
    allowed: decision.error ? true : decision.value !== AuthorizeResult.DENY,
  };
}
