import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { planUpgrade } from '../day2/planChanges';
import { runDay2Change } from '../day2/runDay2Change';
import { examples } from './clusterUpgrade.examples';
import type { CapiActionOptions } from './types';
import { day2OutputSchema } from './day2Output';
import {
  clusterRefSchema,
  confirmConcurrentChangeSchema,
} from './inputSchemas';

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
        cluster: clusterRefSchema,
        confirmConcurrentChange: confirmConcurrentChangeSchema,
        kubernetesVersion: z =>
          z.string().describe('Target version, e.g. v1.34.1'),
      },
      output: day2OutputSchema,
    },
    async handler(ctx) {
      await runDay2Change(ctx, options, {
        actionId: 'capi:cluster:upgrade',
        permission: 'update',
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
