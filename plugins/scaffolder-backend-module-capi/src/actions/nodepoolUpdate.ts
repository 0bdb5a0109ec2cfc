import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { planUpdateNodePool } from '../day2/planNodePoolChanges';
import { runDay2Change } from '../day2/runDay2Change';
import { examples } from './nodepoolUpdate.examples';
import type { CapiActionOptions } from './types';
import { day2OutputSchema } from './day2Output';
import {
  clusterRefSchema,
  nodePoolNameSchema,
  confirmConcurrentChangeSchema,
} from './inputSchemas';
import { logLabelPlacements } from '../render/labelPlacement';

/**
 * `capi:nodepool:update` changes a node pool's replicas, autoscaling
 * bounds, labels or machine size in Git.
 *
 * @public
 */
export function createNodePoolUpdateAction(options: CapiActionOptions) {
  return createTemplateAction({
    id: 'capi:nodepool:update',
    description:
      'Changes replicas, autoscaling bounds and labels of a node pool (applied without replacing machines) or its machine size (a rollout replaces its machines).',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: clusterRefSchema,
        confirmConcurrentChange: confirmConcurrentChangeSchema,
        name: nodePoolNameSchema,
        replicas: z =>
          z
            .number()
            .nullable()
            .optional()
            .describe(
              'Fixed machine count (with autoscaling off); null or absent keeps it',
            ),
        autoscaling: z =>
          z
            .object({
              enabled: z.boolean(),
              min: z.number().nullable().optional(),
              max: z.number().nullable().optional(),
            })
            .optional()
            .describe(
              'Turn the cluster autoscaler on (with min and max) or off',
            ),
        size: z =>
          z
            .string()
            .optional()
            .describe('New machine size; replaces the machines'),
        labels: z =>
          z
            .record(z.string())
            .optional()
            .describe('Replaces the labels of the pool'),
      },
      output: day2OutputSchema,
    },
    async handler(ctx) {
      const { cluster, replicas, autoscaling, ...rest } = ctx.input;
      // Templates pass `none` (null) for fields a form branch leaves out.
      const update = {
        ...rest,
        replicas: replicas ?? undefined,
        autoscaling: autoscaling
          ? {
              enabled: autoscaling.enabled,
              min: autoscaling.min ?? undefined,
              max: autoscaling.max ?? undefined,
            }
          : undefined,
      };
      await runDay2Change(ctx, options, {
        actionId: 'capi:nodepool:update',
        permission: 'update',
        clusterRef: cluster,
        verb: 'update-pool',
        description: `update node pool ${update.name} of ${cluster}`,
        edit: (manifests, profile) => ({
          impact: planUpdateNodePool(manifests, profile, update),
        }),
      });
      if (update.labels) {
        logLabelPlacements(ctx.logger, [
          { name: update.name, labels: update.labels },
        ]);
      }
    },
  });
}
