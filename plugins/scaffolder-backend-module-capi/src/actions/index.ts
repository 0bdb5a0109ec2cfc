import { createClusterRenderAction } from './clusterRender';
import { createGitopsPublishAction } from './gitopsPublish';
import type { CapiActionOptions } from './types';

export { createClusterRenderAction } from './clusterRender';
export { createGitopsPublishAction } from './gitopsPublish';
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
  ];
}
