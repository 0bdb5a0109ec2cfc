import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CapiActionOptions } from '../options';
import { clusterInput, dryRunInput } from './assistantInputs';
import { upgradeKubernetesChange } from './day2Changes';
import {
  ActionZod,
  assistantChangeOutput,
  runAssistantChange,
} from './runAssistantChange';

const input = (z: ActionZod) =>
  z.object({
    cluster: clusterInput(z),
    kubernetesVersion: z
      .string()
      .max(40)
      .describe(
        "Target version, e.g. v1.34.1: one the cluster's profile allows (capi:describe-cluster lists the upgrades available now)",
      ),
    dryRun: dryRunInput(z),
  });

/**
 * `scaffolder:capi-upgrade-kubernetes`: the `capi:cluster:upgrade` change,
 * for assistants (dry run unless asked otherwise).
 */
export function registerUpgradeKubernetesAction(
  registry: ActionsRegistryService,
  options: CapiActionOptions,
) {
  registry.register({
    name: 'capi-upgrade-kubernetes',
    title: 'Upgrade Kubernetes',
    description:
      "Upgrades a cluster's Kubernetes version (control plane, then workers; the rollout replaces machines), through the same GitOps change the Backstage template makes. Dry run by default: it returns the impact and writes nothing; call again with dryRun false to publish. Needs permission to change the cluster.",
    attributes: { destructive: true, readOnly: false, idempotent: false },
    schema: { input, output: assistantChangeOutput },
    examples: [
      {
        title: 'See what an upgrade to v1.34.1 would do',
        input: {
          cluster: 'mc-onprem-fra/team-checkout/payments-prod',
          kubernetesVersion: 'v1.34.1',
          dryRun: true,
        },
      },
    ],
    action: async ({
      input: { cluster, kubernetesVersion, dryRun },
      credentials,
      logger,
    }) => ({
      output: await runAssistantChange(
        options,
        {
          actionId: 'scaffolder:capi-upgrade-kubernetes',
          input: { cluster, kubernetesVersion },
          dryRun,
          credentials,
          logger,
        },
        await upgradeKubernetesChange(options, { cluster, kubernetesVersion }),
      ),
    }),
  });
}
