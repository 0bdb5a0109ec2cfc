import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { planAddNodePool } from '../day2/planNodePoolChanges';
import { runDay2Change } from '../day2/runDay2Change';
import { examples } from './nodepoolAdd.examples';
import type { CapiActionOptions } from './types';
import { day2OutputSchema } from './day2Output';
import {
  clusterRefSchema,
  nodePoolSchema,
  confirmConcurrentChangeSchema,
} from './inputSchemas';
import { logLabelPlacements } from '../render/labelPlacement';

/**
 * `capi:nodepool:add` adds a worker node pool to a cluster in Git.
 *
 * @public
 */
export function createNodePoolAddAction(options: CapiActionOptions) {
  return createTemplateAction({
    id: 'capi:nodepool:add',
    description:
      "Adds a node pool to a cluster in the GitOps repository, within its profile's sizes and limits. Existing machines are not touched.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: clusterRefSchema,
        confirmConcurrentChange: confirmConcurrentChangeSchema,
        pool: nodePoolSchema,
      },
      output: day2OutputSchema,
    },
    async handler(ctx) {
      const { pool } = ctx.input;
      await runDay2Change(ctx, options, {
        actionId: 'capi:nodepool:add',
        permission: 'update',
        clusterRef: ctx.input.cluster,
        verb: 'add-pool',
        description: `add node pool ${pool.name} to ${ctx.input.cluster}`,
        edit: (manifests, profile) => ({
          impact: planAddNodePool(manifests, profile, { pool }),
        }),
      });
      logLabelPlacements(ctx.logger, [pool]);
    },
  });
}
