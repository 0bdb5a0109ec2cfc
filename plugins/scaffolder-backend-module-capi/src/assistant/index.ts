import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CapiActionOptions } from '../options';
import { registerAddNodePoolAction } from './addNodePoolAction';
import { registerScaleNodePoolAction } from './scaleNodePoolAction';
import { registerUpgradeKubernetesAction } from './upgradeKubernetesAction';

/**
 * Registers Capstan's changing actions for AI assistants (MCP):
 * `scaffolder:capi-scale-node-pool`, `scaffolder:capi-upgrade-kubernetes`,
 * `scaffolder:capi-add-node-pool`. Each goes through the template actions'
 * day-2 code (validation, authorisation, impact, GitOps publish), dry run
 * by default.
 */
export function registerCapiAssistantActions(
  registry: ActionsRegistryService,
  options: CapiActionOptions,
): void {
  registerScaleNodePoolAction(registry, options);
  registerUpgradeKubernetesAction(registry, options);
  registerAddNodePoolAction(registry, options);
}
