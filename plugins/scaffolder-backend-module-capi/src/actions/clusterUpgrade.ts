import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { planUpgrade } from '../day2/planUpgrade';
import { parseClusterInput, runDay2Change } from '../day2/runDay2Change';
import { examples } from './clusterUpgrade.examples';
import type { CapiActionOptions } from './types';
import { day2OutputSchema } from './day2Output';
import { assertUpgradeCanStart } from './upgradeReadiness';
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
      "Upgrades a cluster's Kubernetes version in the GitOps repository: no downgrade, no skipped minor version, only versions its profile allows, never while an upgrade or rollout is in progress. Classic clusters get new machine templates, the control plane first and the node pools in a second run with the same version once the control plane runs it.",
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
      // What runs now decides whether an upgrade may start (read before anything is written).
      const live = await options.liveClusters.summary(
        parseClusterInput(ctx.input.cluster),
        ctx.signal,
      );
      await runDay2Change(ctx, options, {
        actionId: 'capi:cluster:upgrade',
        permission: 'update',
        clusterRef: ctx.input.cluster,
        verb: 'upgrade',
        description: `upgrade ${ctx.input.cluster} to ${ctx.input.kubernetesVersion}`,
        edit: (manifests, profile) => {
          assertUpgradeCanStart(live, manifests, ctx.input.kubernetesVersion);
          return {
            impact: planUpgrade(manifests, profile, {
              kubernetesVersion: ctx.input.kubernetesVersion,
            }),
          };
        },
      });
    },
  });
}
