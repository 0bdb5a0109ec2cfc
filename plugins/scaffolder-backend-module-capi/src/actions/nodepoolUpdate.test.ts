import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { commitSubjects } from '../__testUtils__/gitFixtures';
import { unresolvedReferences } from '../__testUtils__/references';
import { createNodePoolUpdateAction } from './nodepoolUpdate';

const cluster = 'onprem-fra/clusters/payments-prod';
const folder = 'clusters/onprem-fra/clusters/payments-prod';

describe('capi:nodepool:update', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
    await h.seedCluster(payments);
  });
  afterEach(() => h.close());

  const pools = async () =>
    (await h.repoManifests(folder))[0].spec.topology.workers.machineDeployments;

  it('scales a pool in place', async () => {
    const { outputs } = await h.run(createNodePoolUpdateAction(h.options), {
      cluster,
      name: 'general',
      replicas: 5,
    });
    expect(outputs.impact).toMatchObject({
      replaced: [],
      inPlace: [
        { target: 'node pool general', change: '3 replicas → 5 replicas' },
      ],
    });
    expect((await pools())[0].replicas).toBe(5);
  });

  it('turns autoscaling on, leaving replicas to the autoscaler, and off again', async () => {
    const update = createNodePoolUpdateAction(h.options);
    await h.run(update, {
      cluster,
      name: 'general',
      autoscaling: { enabled: true, min: 2, max: 8 },
    });
    let general = (await pools())[0];
    expect(general.replicas).toBeUndefined();
    expect(general.metadata.annotations).toMatchObject({
      'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '2',
      'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '8',
    });
    await h.run(update, {
      cluster,
      name: 'general',
      autoscaling: { enabled: false },
      replicas: 4,
    });
    general = (await pools())[0];
    expect(general.replicas).toBe(4);
    expect(general.metadata.annotations).toEqual({
      'capstan.dev/machine-size': 'medium',
    });
  });

  it('states that a size change replaces the pool machines', async () => {
    const { outputs } = await h.run(createNodePoolUpdateAction(h.options), {
      cluster,
      name: 'general',
      size: 'large',
    });
    expect(outputs.impact.replaced).toEqual([
      {
        target: 'node pool general',
        machines: 3,
        reason: 'size Medium (4 CPU, 16 GiB) → Large (8 CPU, 32 GiB)',
      },
    ]);
    const general = (await pools())[0];
    expect(general.metadata.annotations['capstan.dev/machine-size']).toBe(
      'large',
    );
    expect(general.variables.overrides).toEqual([
      {
        name: 'workerMachineSize',
        value: { name: 'large', cpu: 8, memoryMiB: 32768, diskGiB: 120 },
      },
    ]);
  });

  it('reports bad bounds together and pushes nothing', async () => {
    const error = await h
      .run(createNodePoolUpdateAction(h.options), {
        cluster,
        name: 'batch',
        autoscaling: { enabled: true, min: 40, max: 30 },
      })
      .catch(e => e);
    expect(error.message).toContain(
      'autoscaling min 40 is greater than max 30',
    );
    expect(error.message).toContain(
      "autoscaling max 30 exceeds the profile's limit of 20",
    );
    await expect(
      h.run(createNodePoolUpdateAction(h.options), {
        cluster,
        name: 'batch',
        autoscaling: { enabled: true, min: 2 },
      }),
    ).rejects.toThrow(/set both autoscaling min and max/);
    await expect(
      h.run(createNodePoolUpdateAction(h.options), {
        cluster,
        name: 'nope',
        replicas: 1,
      }),
    ).rejects.toThrow(/has no node pool "nope"/);
    expect(await commitSubjects(h.bare)).toHaveLength(2);
  });

  it('reports min > max also where the profile has no autoscaler', async () => {
    await h.seedCluster({
      ...payments,
      name: 'payments-dev',
      profile: 'docker-local',
      nodePools: [{ name: 'pool-1', size: 'small', replicas: 1 }],
    });
    const error = await h
      .run(createNodePoolUpdateAction(h.options), {
        cluster: 'local/default/payments-dev',
        name: 'pool-1',
        autoscaling: { enabled: true, min: 5, max: 2 },
      })
      .catch(e => e);
    expect(error.message).toContain(
      'autoscaling is not available in this profile',
    );
    expect(error.message).toContain('autoscaling min 5 is greater than max 2');
  });

  it('makes no commit when nothing changes', async () => {
    const { outputs } = await h.run(createNodePoolUpdateAction(h.options), {
      cluster,
      name: 'general',
      replicas: 3,
    });
    expect(outputs.changed).toBe(false);
    expect(outputs.summary).toMatch(/nothing changes/);
    expect(await commitSubjects(h.bare)).toHaveLength(2);
  });

  it('gives a classic pool a new machine template for a new size', async () => {
    await h.seedCluster({
      ...payments,
      profile: 'aws-eu',
      nodePools: [{ name: 'general', size: 'small', replicas: 2 }],
    });
    await h.run(createNodePoolUpdateAction(h.options), {
      cluster: 'aws-eu/clusters/payments-prod',
      name: 'general',
      size: 'large',
    });
    const objects = await h.repoManifests(
      'clusters/aws-eu/clusters/payments-prod',
    );
    const md = objects.find(o => o.kind === 'MachineDeployment');
    const template = objects.find(
      o => o.metadata.name === md.spec.template.spec.infrastructureRef.name,
    );
    expect(template.spec.template.spec.instanceType).toBe('m6i.2xlarge');
    expect(unresolvedReferences(objects)).toEqual([]);
  });
});
