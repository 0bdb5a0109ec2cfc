import { mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { createActionHarness, payments } from './actionHarness';
import { registerCapiAssistantActions } from '../assistant';

export const cluster = 'onprem-fra/clusters/payments-prod';
export const folder = 'clusters/onprem-fra/clusters/payments-prod';

/**
 * The assistant actions in the mock actions registry, over the harness's
 * GitOps repository (seeded with payments-prod of team-payments) and the
 * shipped permission policy.
 */
export async function createAssistantSetup() {
  const h = await createActionHarness();
  await h.seedCluster(payments);
  const registry = actionsRegistryServiceMock({
    logger: mockServices.logger.mock(),
  });
  registerCapiAssistantActions(registry, h.options);
  return { h, registry };
}
