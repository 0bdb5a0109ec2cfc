import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { planUpgrade } from '../day2/planChanges';
import { runDay2Change } from '../day2/runDay2Change';
import { examples } from './clusterUpgrade.examples';
import type { CapiActionOptions } from './types';

/**
 * `capi:cluster:upgrade` raises a cluster's Kubernetes version in Git.
 *
 * @public
 */
export function createClusterUpgradeAction(options: CapiActionOptions) {
  return createTemplateAction({
    id: 'capi:cluster:upgrade',
    description:
      "Upgrades a cluster's Kubernetes version in the GitOps repository: no downgrade, no skipped minor version, only versions its profile allows. Classic clusters get new machine templates.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z
            .string()
            .describe('The cluster as managementCluster/namespace/name'),
        kubernetesVersion: z =>
          z.string().describe('Target version, e.g. v1.34.1'),
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
        verb: 'upgrade',
        description: `upgrade ${ctx.input.cluster} to ${ctx.input.kubernetesVersion}`,
        edit: (manifests, profile) => ({
          impact: planUpgrade(manifests, profile, {
            kubernetesVersion: ctx.input.kubernetesVersion,
          }),
        }),
      });
    },
  });
}
