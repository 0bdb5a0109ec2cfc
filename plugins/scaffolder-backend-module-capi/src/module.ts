import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  readClusterProfiles,
  readGitopsConfig,
} from '@capstan/plugin-capi-node';
import { createCapiActions } from './actions';
import { ClusterAuthorizer } from './authorization/ClusterAuthorizer';
import { GitopsPublisher } from './git/GitopsPublisher';
import { assertNoUrlCredentials } from './git/gitopsUrls';
import { CapiBackendClusterLookup } from './live/LiveClusterLookup';
import { DatabasePublishRecordStore } from './records/DatabasePublishRecordStore';

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
      },
      async init({
        scaffolder,
        config,
        permissions,
        discovery,
        auth,
        database,
      }) {
        const gitopsConfig = readGitopsConfig(config);
        if (gitopsConfig) {
          assertNoUrlCredentials(gitopsConfig);
        }
        scaffolder.addActions(
          ...createCapiActions({
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
          }),
        );
      },
    });
  },
});
