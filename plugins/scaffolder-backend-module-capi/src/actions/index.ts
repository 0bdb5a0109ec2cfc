import { createClusterDecommissionAction } from './clusterDecommission';
import { createClusterRenderAction } from './clusterRender';
import { createClusterUpgradeAction } from './clusterUpgrade';
import { createGitopsPublishAction } from './gitopsPublish';
import { createNodePoolAddAction } from './nodepoolAdd';
import { createNodePoolRemoveAction } from './nodepoolRemove';
import { createNodePoolUpdateAction } from './nodepoolUpdate';
import type { CapiActionOptions } from './types';

export { createClusterDecommissionAction } from './clusterDecommission';
export { createClusterRenderAction } from './clusterRender';
export { createClusterUpgradeAction } from './clusterUpgrade';
export { createGitopsPublishAction } from './gitopsPublish';
export { createNodePoolAddAction } from './nodepoolAdd';
export { createNodePoolRemoveAction } from './nodepoolRemove';
export { createNodePoolUpdateAction } from './nodepoolUpdate';
export type { CapiActionOptions } from './types';

/**
 * All `capi:*` actions.
 *
 * @public
 */
export function createCapiActions(options: CapiActionOptions) {
  return [
    createClusterRenderAction(options),
    createGitopsPublishAction(options),
    createClusterUpgradeAction(options),
    createNodePoolAddAction(options),
    createNodePoolUpdateAction(options),
    createNodePoolRemoveAction(options),
    createClusterDecommissionAction(options),
  ];
}
