import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  describeLabelPlacement,
  placePoolLabels,
  type NodePoolInput,
} from '@capstan/plugin-capi-common';
import { addNodePoolChange } from './day2Changes';
import type { CapiActionOptions } from '../options';
import { clusterInput, dryRunInput } from './assistantInputs';
import {
  ActionZod,
  assistantChangeOutput,
  runAssistantChange,
} from './runAssistantChange';

const input = (z: ActionZod) =>
  z.object({
    cluster: clusterInput(z),
    pool: z.object({
      name: z
        .string()
        .max(63)
        .describe('Pool name, a DNS label, unique in the cluster'),
      size: z
        .string()
        .max(63)
        .describe("Machine size name from the cluster's profile"),
      replicas: z.number().int().min(0).max(1000).optional(),
      autoscaling: z
        .object({
          min: z.number().int().min(0).max(1000),
          max: z.number().int().min(0).max(1000),
        })
        .optional()
        .describe('Cluster autoscaler bounds instead of a fixed count'),
      labels: z.record(z.string().max(63)).optional(),
    }),
    dryRun: dryRunInput(z),
  });

/**
 * `scaffolder:capi-add-node-pool`: the `capi:nodepool:add` change, for
 * assistants (dry run unless asked otherwise).
 */
export function registerAddNodePoolAction(
  registry: ActionsRegistryService,
  options: CapiActionOptions,
) {
  registry.register({
    name: 'capi-add-node-pool',
    title: 'Add a node pool',
    description:
      "Adds a node pool (a machine size from the cluster's profile, a fixed count or autoscaler bounds) to a cluster, through the same GitOps change the Backstage template makes. Dry run by default: it returns the impact and writes nothing; call again with dryRun false to publish. Needs permission to change the cluster.",
    attributes: { destructive: true, readOnly: false, idempotent: false },
    schema: { input, output: assistantChangeOutput },
    examples: [
      {
        title: 'See what adding a pool of 2 large machines would do',
        input: {
          cluster: 'mc-onprem-fra/team-checkout/payments-prod',
          pool: { name: 'batch', size: 'large', replicas: 2 },
          dryRun: true,
        },
      },
    ],
    action: async ({
      input: { cluster, pool, dryRun },
      credentials,
      logger,
    }) => {
      const nodePool: NodePoolInput = { ...pool };
      const result = await runAssistantChange(
        options,
        {
          actionId: 'scaffolder:capi-add-node-pool',
          input: { cluster, pool: { ...pool } },
          dryRun,
          credentials,
          logger,
        },
        addNodePoolChange({ cluster, pool: nodePool }),
      );
      // Say where each label ends up: only some reach the nodes.
      const placements = placePoolLabels(pool.labels).map(
        p => `Label ${describeLabelPlacement(p)}.`,
      );
      return {
        output:
          placements.length > 0
            ? { ...result, summary: [result.summary, ...placements].join(' ') }
            : result,
      };
    },
  });
}
