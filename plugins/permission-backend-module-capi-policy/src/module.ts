import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  CapiPermissionPolicy,
  readCapiPolicyConfig,
} from './CapiPermissionPolicy';

/**
 * Sets {@link CapiPermissionPolicy} as the permission backend's policy,
 * configured from `capi.permissions`.
 *
 * @public
 */
export const permissionModuleCapiPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'capi-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ policy, config, logger }) {
        const { platformGroups } = readCapiPolicyConfig(config);
        if (platformGroups.length === 0) {
          logger.warn(
            "capi.permissions.platformGroups is empty: nobody can see the fleet or other teams' clusters",
          );
        }
        policy.setPolicy(new CapiPermissionPolicy({ platformGroups }));
      },
    });
  },
});
