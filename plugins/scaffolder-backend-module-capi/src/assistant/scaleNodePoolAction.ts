import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CapiActionOptions } from '../options';
import {
  ActionZod,
  assistantChangeOutput,
  runAssistantChange,
} from './runAssistantChange';
import { clusterInput, dryRunInput } from './assistantInputs';
import { scaleNodePoolChange } from './day2Changes';

const input = (z: ActionZod) =>
  z.object({
    cluster: clusterInput(z),
    pool: z.string().min(1).max(63).describe('Node pool name'),
    replicas: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .describe('New machine count (the profile sets the upper limit)'),
    dryRun: dryRunInput(z),
  });

/**
 * `scaffolder:capi-scale-node-pool`: the `capi:nodepool:update` change of
 * a pool's replicas, for assistants (dry run unless asked otherwise).
 */
export function registerScaleNodePoolAction(
  registry: ActionsRegistryService,
  options: CapiActionOptions,
) {
  registry.register({
    name: 'capi-scale-node-pool',
    title: 'Scale a node pool',
    description:
      "Sets the machine count of a node pool of a Kubernetes cluster, through the same GitOps change the Backstage template makes (a commit or pull request to the cluster's folder). Dry run by default: it returns the impact and writes nothing; call again with dryRun false to publish. Needs permission to change the cluster.",
    attributes: { destructive: true, readOnly: false, idempotent: false },
    schema: { input, output: assistantChangeOutput },
    examples: [
      {
        title: 'See what scaling md-0 to 4 machines would do',
        input: {
          cluster: 'mc-onprem-fra/team-checkout/payments-prod',
          pool: 'md-0',
          replicas: 4,
          dryRun: true,
        },
      },
    ],
    action: async ({
      input: { cluster, pool, replicas, dryRun },
      credentials,
      logger,
    }) => ({
      output: await runAssistantChange(
        options,
        {
          actionId: 'scaffolder:capi-scale-node-pool',
          input: { cluster, pool, replicas },
          dryRun,
          credentials,
          logger,
        },
        scaleNodePoolChange({ cluster, pool, replicas }),
      ),
    }),
  });
}
