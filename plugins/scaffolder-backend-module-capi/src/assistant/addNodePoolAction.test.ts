import { mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { credentialsOf } from '../__testUtils__/policyDouble';
import { registerCapiAssistantActions } from './index';
import {
  cluster,
  createAssistantSetup,
  folder,
} from '../__testUtils__/assistantSetup';

describe('scaffolder:capi-add-node-pool', () => {
  let s: Awaited<ReturnType<typeof createAssistantSetup>>;
  beforeEach(async () => {
    s = await createAssistantSetup();
  });
  afterEach(() => s.h.close());

  const poolNames = async () =>
    (
      await s.h.repoManifests(folder)
    )[0].spec.topology.workers.machineDeployments.map(
      (p: { name: string }) => p.name,
    );

  it('states in a dry run which machines it creates, then adds the pool when asked', async () => {
    const pool = { name: 'gpu', size: 'large', replicas: 2 };
    const dry = await s.registry.invoke({
      id: 'test:capi-add-node-pool',
      input: { cluster, pool },
      credentials: credentialsOf.owner(),
    });
    expect(dry.output).toMatchObject({
      dryRun: true,
      impact: { created: [{ target: 'node pool gpu', machines: 2 }] },
    });
    expect(await poolNames()).toEqual(['general', 'batch']);
    await s.registry.invoke({
      id: 'test:capi-add-node-pool',
      input: { cluster, pool, dryRun: false },
      credentials: credentialsOf.owner(),
    });
    expect(await poolNames()).toEqual(['general', 'batch', 'gpu']);
  });

  it('says in its summary which labels reach the nodes', async () => {
    const dry = await s.registry.invoke({
      id: 'test:capi-add-node-pool',
      input: {
        cluster,
        pool: {
          name: 'gpu',
          size: 'large',
          replicas: 1,
          labels: { tier: 'batch', 'node.cluster.x-k8s.io/gpu': 'true' },
        },
      },
      credentials: credentialsOf.owner(),
    });
    const summary = (dry.output as { summary: string }).summary;
    expect(summary).toContain(
      'Label node.cluster.x-k8s.io/gpu=true reaches the nodes',
    );
    expect(summary).toContain(
      'Label tier=batch stays on the MachineDeployment and its Machines and does not reach the nodes',
    );
  });

  it('refuses a size the profile does not offer and a taken name', async () => {
    await expect(
      s.registry.invoke({
        id: 'test:capi-add-node-pool',
        input: { cluster, pool: { name: 'gpu', size: 'huge', replicas: 1 } },
        credentials: credentialsOf.owner(),
      }),
    ).rejects.toThrow(/huge/);
    await expect(
      s.registry.invoke({
        id: 'test:capi-add-node-pool',
        input: {
          cluster,
          pool: { name: 'general', size: 'large', replicas: 1 },
        },
        credentials: credentialsOf.owner(),
      }),
    ).rejects.toThrow(/general/);
  });

  it('are all registered as destructive, not read-only, not idempotent', async () => {
    const registry = actionsRegistryServiceMock({
      logger: mockServices.logger.mock(),
    });
    registerCapiAssistantActions(registry, s.h.options);
    const { actions } = await registry.list();
    expect(actions.map(a => [a.id, a.attributes])).toEqual(
      [
        'capi-scale-node-pool',
        'capi-upgrade-kubernetes',
        'capi-add-node-pool',
      ].map(name => [
        `test:${name}`,
        { destructive: true, readOnly: false, idempotent: false },
      ]),
    );
    expect(
      actions.map(a => (a.schema.input as any).properties.dryRun.default),
    ).toEqual([true, true, true]);
  });
});
