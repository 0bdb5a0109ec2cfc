import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { planRemoveNodePool } from '../day2/planChanges';
import { runDay2Change } from '../day2/runDay2Change';
import { examples } from './nodepoolRemove.examples';
import type { CapiActionOptions } from './types';

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
        cluster: z =>
          z
            .string()
            .describe('The cluster as managementCluster/namespace/name'),
        name: z => z.string().describe('Node pool name'),
      },
      output: {
        impact: z =>
          z
            .object({
              replaced: z.array(
                z.object({
                  target: z.string(),
                  machines: z.number(),
                  reason: z.string(),
                }),
              ),
              created: z.array(
                z.object({
                  target: z.string(),
                  machines: z.number(),
                  reason: z.string(),
                }),
              ),
              deleted: z.array(
                z.object({
                  target: z.string(),
                  machines: z.number(),
                  reason: z.string(),
                }),
              ),
              inPlace: z.array(
                z.object({ target: z.string(), change: z.string() }),
              ),
              summary: z.string(),
            })
            .describe(
              'Machines replaced by a rollout, created or deleted, and changes applied in place',
            ),
        summary: z => z.string().describe('The impact in words'),
        path: z =>
          z.string().describe("The cluster's folder in the GitOps repository"),
        branch: z => z.string(),
        changed: z => z.boolean().describe('False when nothing was pushed'),
        commitSha: z => z.string().optional(),
        pullRequestUrl: z => z.string().optional(),
        folderUrl: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      await runDay2Change(ctx, options, {
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
