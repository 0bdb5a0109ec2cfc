import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { planRemoveNodePool } from '../day2/planNodePoolChanges';
import { runDay2Change } from '../day2/runDay2Change';
import { examples } from './nodepoolRemove.examples';
import type { CapiActionOptions } from './types';
import { day2OutputSchema } from './day2Output';
import {
  clusterRefSchema,
  nodePoolNameSchema,
  confirmConcurrentChangeSchema,
} from './inputSchemas';

/**
 * `capi:nodepool:remove` removes a node pool from a cluster in Git.
 *
 * @public
 */
export function createNodePoolRemoveAction(options: CapiActionOptions) {
  return createTemplateAction({
    id: 'capi:nodepool:remove',
    description:
      "Removes a node pool (and the templates only it used) from a cluster in the GitOps repository; the pool's machines are drained and deleted.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: clusterRefSchema,
        confirmConcurrentChange: confirmConcurrentChangeSchema,
        name: nodePoolNameSchema,
      },
      output: day2OutputSchema,
    },
    async handler(ctx) {
      await runDay2Change(ctx, options, {
        actionId: 'capi:nodepool:remove',
        permission: 'update',
        clusterRef: ctx.input.cluster,
        verb: 'remove-pool',
        description: `remove node pool ${ctx.input.name} from ${ctx.input.cluster}`,
        edit: (manifests, profile) => ({
          impact: planRemoveNodePool(manifests, profile, {
            name: ctx.input.name,
          }),
        }),
      });
    },
  });
}
