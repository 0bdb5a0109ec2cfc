import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows reading the whole fleet: every cluster of every management cluster,
 * compliance series and management cluster health.
 *
 * @public
 */
export const capiFleetReadPermission = createPermission({
  name: 'capi.fleet.read',
  attributes: { action: 'read' },
});

/**
 * All permissions of the capi plugin.
 *
 * @public
 */
export const capiPermissions = [capiFleetReadPermission];
