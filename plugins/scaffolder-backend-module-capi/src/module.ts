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
import { GitopsPublisher } from './git/GitopsPublisher';

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
      },
      async init({ scaffolder, config }) {
        const gitopsConfig = readGitopsConfig(config);
        scaffolder.addActions(
          ...createCapiActions({
            profiles: readClusterProfiles(config),
            gitops: gitopsConfig
              ? GitopsPublisher.create({
                  gitops: gitopsConfig,
                  integrations: ScmIntegrations.fromConfig(config),
                })
              : undefined,
          }),
        );
      },
    });
  },
});
