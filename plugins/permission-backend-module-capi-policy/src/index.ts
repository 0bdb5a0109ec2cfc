/**
 * Permission policy module for Capstan clusters.
 *
 * @packageDocumentation
 */

export { permissionModuleCapiPolicy as default } from './module';
export {
  CapiPermissionPolicy,
  readCapiPolicyConfig,
} from './CapiPermissionPolicy';
export type { CapiPermissionPolicyOptions } from './CapiPermissionPolicy';
