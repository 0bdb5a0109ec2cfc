import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { planAddNodePool } from '../day2/planChanges';
import { runDay2Change } from '../day2/runDay2Change';
import { examples } from './nodepoolAdd.examples';
import type { CapiActionOptions } from './types';
import { day2OutputSchema } from './day2Output';

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
        cluster: z =>
          z
            .string()
            .describe('The cluster as managementCluster/namespace/name'),
        pool: z =>
          z.object({
            name: z
              .string()
              .describe('Pool name, a DNS label, unique in the cluster'),
            size: z
              .string()
              .describe("Machine size name from the cluster's profile"),
            replicas: z.number().optional(),
            autoscaling: z
              .object({
                min: z.number().optional(),
                max: z.number().optional(),
              })
              .optional()
              .describe('Cluster autoscaler bounds; set both or neither'),
            labels: z.record(z.string()).optional(),
            taints: z
              .array(
                z.object({
                  key: z.string(),
                  value: z.string().optional(),
                  effect: z.string(),
                }),
              )
              .optional(),
          }),
      },
      output: day2OutputSchema,
    },
    async handler(ctx) {
      const { pool } = ctx.input;
      await runDay2Change(ctx, options, {
        clusterRef: ctx.input.cluster,
        verb: 'add-pool',
        description: `add node pool ${pool.name} to ${ctx.input.cluster}`,
        edit: (manifests, profile) => ({
          impact: planAddNodePool(manifests, profile, { pool }),
        }),
      });
    },
  });
}
