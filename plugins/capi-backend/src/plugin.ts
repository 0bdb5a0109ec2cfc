import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { capiPermissions } from '@capstan/plugin-capi-common';
import {
  CapiClusterEntityResolver,
  capiClusterEntityResolverExtensionPoint,
  capiClusterPermissionResourceRef,
  capiClusterPermissionRules,
  CapiPatchStateProvider,
  capiPatchStateProviderExtensionPoint,
} from '@capstan/plugin-capi-node';
import { registerCapiActions } from './actions';
import { DriftFeature } from './drift/DriftFeature';
import { ClusterClassFeature } from './clusterClasses/ClusterClassFeature';
import { createChangeRequestTracking } from './changeRequests/createChangeRequestTracking';
import { createPatchCampaigns } from './campaigns/createPatchCampaigns';
import { createRouter } from './router';
import { readCapiBackendConfig } from './services/CapiBackendConfig';
import { ClusterAccess } from './services/ClusterAccess';
import { ComplianceRecorder } from './services/ComplianceRecorder';
import { EntityClusterResolver } from './services/EntityClusterResolver';
import { createFleetCache } from './services/FleetCache';
import {
  GitopsMirror,
  gitopsMirrorAuthFromConfig,
} from './services/GitopsMirror';
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
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { logger, lifecycle } = deps;
        const settings = readCapiBackendConfig(deps.config);

        const gitops = settings.cache.gitops;
        const gitopsMirror = gitops
          ? GitopsMirror.create({
              gitops,
              logger,
              auth: gitopsMirrorAuthFromConfig(deps.config, gitops),
            })
          : undefined;

        const drift = DriftFeature.create({
          config: deps.config,
          logger,
          mirror: gitopsMirror,
        });

        const clusterClasses = ClusterClassFeature.create({ logger });
        // The publisher needs the cache's index; health changes may come first.
        const signalling: { publisher?: SignalPublisher } = {};
        const cache = createFleetCache({
          ...settings.cache,
          gitFolders: gitopsMirror,
          extraWatches: clusterClasses.alongside(drift.extraWatches),
          decorateSummary: drift.decorate,
          logger,
          patchStateProviders,
          onHealthChange: health => {
            const publish = () =>
              signalling.publisher
                ?.managementClusterChanged(health.name)
                .catch(error =>
                  logger.warn(`Publishing a health change failed: ${error}`),
                );
            publish();
            // Staleness follows by time, not by event: tell the cards again
            // once a management cluster that lost contact turns stale.
            if (health.state === 'down' || health.state === 'degraded') {
              setTimeout(
                publish,
                (settings.cache.staleAfterMs ?? 5 * 60_000) + 1_000,
              ).unref();
            }
          },
        });
        const access = ClusterAccess.create({
          permissions: deps.permissions,
          index: cache.index,
          ruleset: {
            // Looked up per use, so rules that modules add later count too.
            getRuleByName: ruleName =>
              deps.permissionsRegistry
                .getPermissionRuleset(capiClusterPermissionResourceRef)
                .getRuleByName(ruleName),
          },
        });
        deps.permissionsRegistry.addPermissions(capiPermissions);
        deps.permissionsRegistry.addResourceType({
          resourceRef: capiClusterPermissionResourceRef,
          rules: Object.values(capiClusterPermissionRules),
          getResources: refs => access.getResources(refs),
        });
        drift.attach({
          index: cache.index,
          syncedManagementClusters: () =>
            cache.watchers
              .filter(w => w.health().state === 'synced')
              .map(w => w.name),
          events: deps.events,
          // pending → drifted happens by time alone: tell the views.
          onStateChange: mcs =>
            mcs.forEach(mc =>
              signalling.publisher
                ?.managementClusterChanged(mc)
                .catch(error =>
                  logger.warn(`Publishing a drift change failed: ${error}`),
                ),
            ),
        });
        const entityLinks = new RecentEntityLinks();
        const publisher = new SignalPublisher({
          entityLinks,
          index: cache.index,
          signals: deps.signals,
          events: deps.events,
          logger,
          debounceMs: settings.signalsDebounceMs,
        });
        signalling.publisher = publisher;
        // Cards learn when a cluster's folder comes to or leaves Git.
        gitopsMirror?.onChange(() => {
          for (const mc of cache.reader.managementClusterNames()) {
            publisher
              .managementClusterChanged(mc)
              .catch(error =>
                logger.warn(`Publishing a GitOps change failed: ${error}`),
              );
          }
        });
        if (gitopsMirror) {
          await deps.scheduler.scheduleTask({
            id: 'capi-gitops-mirror',
            frequency: { seconds: 30 },
            timeout: { minutes: 2 },
            scope: 'local',
            fn: async () => {
              await gitopsMirror.refresh().catch(() => {});
            },
          });
        }

        const compliance = await ComplianceRecorder.create({
          database: deps.database,
          reader: cache.reader,
          logger,
          retentionMs: settings.complianceRetentionMs,
        });
        await compliance.schedule(deps.scheduler, settings.complianceSchedule);

        const resolver = new EntityClusterResolver({
          catalog: deps.catalog,
          index: cache.index,
          resolvers,
          logger,
        });
        // The same reads for MCP clients: same services, same permission checks.
        registerCapiActions(deps.actionsRegistry, {
          access,
          reader: cache.reader,
          resolver,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            access,
            logger,
            reader: cache.reader,
            resolver,
            compliance,
            entityLinks,
            profiles: settings.profiles,
          }),
        );
        const changeRequests = await createChangeRequestTracking({
          ...deps,
          access,
          resolver,
          reader: cache.reader,
          gitopsMirror,
          argocdFor: drift.argocdFor,
          clustersChanged: ids =>
            publisher
              .clustersChanged(ids)
              .catch(error =>
                logger.warn(
                  `Publishing a change request update failed: ${error}`,
                ),
              ),
        });
        deps.httpRouter.use(changeRequests.router);
        drift.followChangeRequests(() => changeRequests.store.listOpen());
        deps.httpRouter.use(
          await createPatchCampaigns({ ...deps, access, reader: cache.reader }),
        );

        deps.httpRouter.use(drift.router({ httpAuth: deps.httpAuth, access }));
        deps.httpRouter.use(clusterClasses.router({ httpAuth: deps.httpAuth }));

        lifecycle.addStartupHook(() => {
          cache.start();
          drift.start();
          gitopsMirror?.refresh().catch(() => {});
        });
        lifecycle.addShutdownHook(async () => {
          publisher.stop();
          drift.stop();
          await cache.stop();
          await gitopsMirror?.stop();
        });
      },
    });
  },
});
