import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  readClusterProfiles,
  readGitopsConfig,
} from '@capstan/plugin-capi-node';
import { createCapiActions } from './actions';
import { registerCapiAssistantActions } from './assistant';
import { ClusterAuthorizer } from './authorization/ClusterAuthorizer';
import { GitopsPublisher } from './git/GitopsPublisher';
import { assertNoUrlCredentials } from './git/gitopsUrls';
import { CapiBackendChangeRequests } from './changeRequests/ChangeRequestRecorder';
import { CapiBackendClusterLookup } from './live/LiveClusterLookup';
import { CapiBackendClusterClassCatalog } from './live/ClusterClassCatalog';
import { DatabasePublishRecordStore } from './records/DatabasePublishRecordStore';
import { createFormValidationRouter } from './formValidation/formValidationRouter';
import { createDay2ValidationRouter } from './formValidation/day2ValidationRouter';

/**
 * Registers the `capi:*` scaffolder actions.
 *
 * @public
 */
export const scaffolderModuleCapi = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'capi',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        database: coreServices.database,
        logger: coreServices.logger,
        actionsRegistry: actionsRegistryServiceRef,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({
        scaffolder,
        config,
        permissions,
        discovery,
        auth,
        database,
        logger,
        actionsRegistry,
        httpRouter,
        httpAuth,
      }) {
        const gitopsConfig = readGitopsConfig(config);
        if (gitopsConfig) {
          assertNoUrlCredentials(gitopsConfig);
        }
        const options = {
          profiles: readClusterProfiles(config),
          gitops: gitopsConfig
            ? GitopsPublisher.create({
                gitops: gitopsConfig,
                integrations: ScmIntegrations.fromConfig(config),
              })
            : undefined,
          authorizer: ClusterAuthorizer.create({ permissions }),
          records: DatabasePublishRecordStore.create({ database }),
          liveClusters: CapiBackendClusterLookup.create({ discovery, auth }),
          clusterClasses: CapiBackendClusterClassCatalog.create({
            discovery,
            auth,
          }),
          changeRequests: CapiBackendChangeRequests.create({
            discovery,
            auth,
            logger,
            appBaseUrl: config.getOptionalString('app.baseUrl'),
          }),
        };
        scaffolder.addActions(...createCapiActions(options, logger));
        // The same day-2 changes for AI assistants (MCP), dry run by default.
        registerCapiAssistantActions(actionsRegistry, options);
        // The form's field validation: the same checks, before Review.
        httpRouter.use(createFormValidationRouter(options, { httpAuth }));
        httpRouter.use(
          createDay2ValidationRouter(options, { httpAuth, logger }),
        );
      },
    });
  },
});
