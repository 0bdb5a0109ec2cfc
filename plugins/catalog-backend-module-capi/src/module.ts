import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { CapiClusterEntityProvider } from './CapiClusterEntityProvider';

/**
 * Catalog module that adds {@link CapiClusterEntityProvider}.
 *
 * @public
 */
export const catalogModuleCapiClusterEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'capi-cluster-entity-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        discovery,
        auth,
        scheduler,
        events,
      }) {
        catalog.addEntityProvider(
          CapiClusterEntityProvider.create({
            config,
            logger,
            discovery,
            auth,
            scheduler,
            events,
          }),
        );
      },
    });
  },
});
