import type { LoggerService } from '@backstage/backend-plugin-api';
import { createClusterDecommissionAction } from './clusterDecommission';
import { createClusterRenderAction } from './clusterRender';
import { createClusterUpgradeAction } from './clusterUpgrade';
import { createGitopsPublishAction } from './gitopsPublish';
import { createNodePoolAddAction } from './nodepoolAdd';
import { createNodePoolRemoveAction } from './nodepoolRemove';
import { createNodePoolUpdateAction } from './nodepoolUpdate';
import type { CapiActionOptions } from './types';
import { withUserFacingErrors } from './userFacingErrors';

export { createClusterDecommissionAction } from './clusterDecommission';
export { createClusterRenderAction } from './clusterRender';
export { createClusterUpgradeAction } from './clusterUpgrade';
export { createGitopsPublishAction } from './gitopsPublish';
export { createNodePoolAddAction } from './nodepoolAdd';
export { createNodePoolRemoveAction } from './nodepoolRemove';
export { createNodePoolUpdateAction } from './nodepoolUpdate';
export type { CapiActionOptions } from './types';

/**
 * All `capi:*` actions. With a `logger`, a refused request (bad input, a
 * taken name, no permission) reaches the task log as one clean message and
 * its stack goes to this server log instead.
 *
 * @public
 */
export function createCapiActions(
  options: CapiActionOptions,
  logger?: LoggerService,
) {
  return [
    createClusterRenderAction(options),
    createGitopsPublishAction(options),
    createClusterUpgradeAction(options),
    createNodePoolAddAction(options),
    createNodePoolUpdateAction(options),
    createNodePoolRemoveAction(options),
    createClusterDecommissionAction(options),
  ].map(action => withUserFacingErrors(action, logger));
}
