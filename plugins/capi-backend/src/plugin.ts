import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { capiPermissions } from '@capstan/plugin-capi-common';
import {
  CapiClusterEntityResolver,
  capiClusterEntityResolverExtensionPoint,
  CapiPatchStateProvider,
  capiPatchStateProviderExtensionPoint,
  readClusterProfiles,
  readGitopsConfig,
  toProfileSummary,
} from '@capstan/plugin-capi-node';
import { createRouter } from './router';
import { readPatchAnnotationKeys } from './services/AnnotationPatchStateProvider';
import { ComplianceRecorder } from './services/ComplianceRecorder';
import { readOptionalDuration } from './services/duration';
import { EntityClusterResolver } from './services/EntityClusterResolver';
import { createFleetCache } from './services/FleetCache';
import { readManagementClusters } from './services/ManagementClusterConfig';
import { RecentEntityLinks } from './services/RecentEntityLinks';
import { SignalPublisher } from './services/SignalPublisher';

/**
 * The capi backend plugin: watch-based fleet cache, REST API under
 * `/api/capi`, live updates through signals.
 *
 * @public
 */
export const capiPlugin = createBackendPlugin({
  pluginId: 'capi',
  register(env) {
    const patchStateProviders: CapiPatchStateProvider[] = [];
    const resolvers: CapiClusterEntityResolver[] = [];
    env.registerExtensionPoint(capiPatchStateProviderExtensionPoint, {
      addProvider: provider => patchStateProviders.push(provider),
    });
    env.registerExtensionPoint(capiClusterEntityResolverExtensionPoint, {
      addResolver: resolver => resolvers.push(resolver),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        const { config, logger, lifecycle } = deps;
        // The publisher needs the cache's index; health changes may come first.
        const signalling: { publisher?: SignalPublisher } = {};
        const cache = createFleetCache({
          onHealthChange: () => {
            signalling.publisher
              ?.managementClusterChanged()
              .catch(error =>
                logger.warn(`Publishing a health change failed: ${error}`),
              );
          },
          managementClusters: readManagementClusters(config),
          logger,
          staleAfterMs: readOptionalDuration(config, 'capi.staleAfter'),
          rediscoverIntervalMs: readOptionalDuration(
            config,
            'capi.watch.rediscoverInterval',
          ),
          timings: {
            restartIntervalMs: readOptionalDuration(
              config,
              'capi.watch.restartInterval',
            ),
            pageSize: config.getOptionalNumber('capi.watch.pageSize'),
            initialBackoffMs: readOptionalDuration(
              config,
              'capi.watch.initialBackoff',
            ),
            maxBackoffMs: readOptionalDuration(config, 'capi.watch.maxBackoff'),
          },
          patchAnnotations: readPatchAnnotationKeys(config),
          patchStateProviders,
          securityOverdueAfterMs: readOptionalDuration(
            config,
            'capi.patch.policy.securityOverdueAfter',
          ),
          updatesOverdueAfterMs: readOptionalDuration(
            config,
            'capi.patch.policy.updatesOverdueAfter',
          ),
          profiles: readClusterProfiles(config),
          gitops: readGitopsConfig(config),
        });
        deps.permissionsRegistry.addPermissions(capiPermissions);

        const entityLinks = new RecentEntityLinks();
        const publisher = new SignalPublisher({
          entityLinks,
          index: cache.index,
          signals: deps.signals,
          events: deps.events,
          logger,
          debounceMs: readOptionalDuration(config, 'capi.signals.debounce'),
        });
        signalling.publisher = publisher;
        const compliance = await ComplianceRecorder.create({
          database: deps.database,
          reader: cache.reader,
          logger,
          retentionMs: readOptionalDuration(
            config,
            'capi.compliance.retention',
          ),
        });
        const scheduleConfig = config.getOptionalConfig(
          'capi.compliance.schedule',
        );
        await compliance.schedule(
          deps.scheduler,
          scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : {
                frequency: { minutes: 15 },
                timeout: { minutes: 5 },
                initialDelay: { minutes: 1 },
              },
        );

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            logger,
            reader: cache.reader,
            resolver: new EntityClusterResolver({
              catalog: deps.catalog,
              index: cache.index,
              resolvers,
              logger,
            }),
            compliance,
            entityLinks,
            profiles: readClusterProfiles(config).map(toProfileSummary),
          }),
        );

        lifecycle.addStartupHook(() => cache.start());
        lifecycle.addShutdownHook(async () => {
          publisher.stop();
          await cache.stop();
        });
      },
    });
  },
});
