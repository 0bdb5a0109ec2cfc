import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { commitSubjects } from '../__testUtils__/gitFixtures';
import { unresolvedReferences } from '../__testUtils__/references';
import { createNodePoolAddAction } from './nodepoolAdd';

describe('capi:nodepool:add', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  it('adds a topology pool and states that no machine is replaced', async () => {
    const seeded = await h.seedCluster(payments);
    const { outputs } = await h.run(createNodePoolAddAction(h.options), {
      cluster: 'onprem-fra/clusters/payments-prod',
      pool: {
        name: 'gpu',
        size: 'large',
        autoscaling: { min: 0, max: 4 },
        labels: { workload: 'gpu' },
      },
    });
    expect(outputs.impact).toMatchObject({
      replaced: [],
      created: [{ target: 'node pool gpu', machines: 0 }],
    });
    expect(outputs.summary).toContain('No machine is replaced.');
    // The template links back to the cluster's entity, as new-cluster does.
    expect(outputs.entityRef).toBe(seeded.entityRef);
    // The size as the profile names it, not its id.
    expect(outputs.summary).toContain(
      'new pool of Large (8 CPU, 32 GiB) machines',
    );
    const [cluster] = await h.repoManifests(
      'clusters/onprem-fra/clusters/payments-prod',
    );
    const pools = cluster.spec.topology.workers.machineDeployments;
    expect(pools.map((p: any) => p.name)).toEqual(['general', 'batch', 'gpu']);
    expect(pools[2]).toMatchObject({
      class: 'vsphere-standard-worker',
      metadata: {
        labels: { workload: 'gpu' },
        annotations: {
          'capstan.dev/machine-size': 'large',
          'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '0',
          'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '4',
        },
      },
    });
    expect(pools[2].replicas).toBeUndefined();
  });

  it('adds a classic pool whose node.cluster.x-k8s.io label reaches the nodes, saying so', async () => {
    await h.seedCluster({
      ...payments,
      profile: 'aws-eu',
      nodePools: [{ name: 'general', size: 'small', replicas: 2 }],
    });
    const { logs } = await h.run(createNodePoolAddAction(h.options), {
      cluster: 'aws-eu/clusters/payments-prod',
      pool: {
        name: 'batch',
        size: 'small',
        replicas: 1,
        labels: { tier: 'batch', 'node.cluster.x-k8s.io/tier': 'batch' },
      },
    });
    const objects = await h.repoManifests(
      'clusters/aws-eu/clusters/payments-prod',
    );
    const md = objects.find(
      (o: any) =>
        o.kind === 'MachineDeployment' &&
        o.metadata.name === 'payments-prod-batch',
    );
    expect(md.spec.template.metadata.labels).toMatchObject({
      tier: 'batch',
      'node.cluster.x-k8s.io/tier': 'batch',
    });
    expect(logs.join('\n')).toContain(
      'Node pool batch: label tier=batch stays on the MachineDeployment and its Machines and does not reach the nodes',
    );
    expect(logs.join('\n')).toContain(
      'Node pool batch: label node.cluster.x-k8s.io/tier=batch reaches the nodes',
    );
  });

  it('adds classic pool objects at the cluster version', async () => {
    await h.seedCluster({
      ...payments,
      profile: 'aws-eu',
      nodePools: [{ name: 'general', size: 'small', replicas: 2 }],
    });
    await h.run(createNodePoolAddAction(h.options), {
      cluster: 'aws-eu/clusters/payments-prod',
      pool: { name: 'big', size: 'large', replicas: 1 },
    });
    const objects = await h.repoManifests(
      'clusters/aws-eu/clusters/payments-prod',
    );
    const md = objects.find(
      o =>
        o.kind === 'MachineDeployment' &&
        o.metadata.name === 'payments-prod-big',
    );
    expect(md.kind).toBe('MachineDeployment');
    expect(md.spec.template.spec.version).toBe('v1.33.4');
    expect(md.spec.replicas).toBe(1);
    expect(unresolvedReferences(objects)).toEqual([]);
  });

  it('rejects a duplicate name, an unknown size and exceeding the pool limit, pushing nothing', async () => {
    await h.seedCluster({
      ...payments,
      profile: 'docker-local',
      nodePools: [
        { name: 'a', size: 'small', replicas: 1 },
        { name: 'b', size: 'small', replicas: 1 },
      ],
    });
    const error = await h
      .run(createNodePoolAddAction(h.options), {
        cluster: 'local/default/payments-prod',
        pool: { name: 'a', size: 'xl', replicas: 1 },
      })
      .catch(e => e);
    expect(error.message).toContain('already has a node pool "a"');
    expect(error.message).toContain('unknown size "xl"');
    expect(error.message).toContain('the profile allows at most 2');
    expect(await commitSubjects(h.bare)).toHaveLength(2);
  });

  it('rejects autoscaling min > max, also where the profile has no autoscaler', async () => {
    await h.seedCluster(payments);
    const autoscaled = await h
      .run(createNodePoolAddAction(h.options), {
        cluster: 'onprem-fra/clusters/payments-prod',
        pool: { name: 'gpu', size: 'large', autoscaling: { min: 5, max: 2 } },
      })
      .catch(e => e);
    expect(autoscaled.name).toBe('InputError');
    expect(autoscaled.message).toContain(
      'node pool "gpu": autoscaling min 5 is greater than max 2',
    );
    await h.seedCluster({
      ...payments,
      name: 'payments-dev',
      profile: 'docker-local',
      nodePools: [{ name: 'pool-1', size: 'small', replicas: 1 }],
    });
    const noAutoscaler = await h
      .run(createNodePoolAddAction(h.options), {
        cluster: 'local/default/payments-dev',
        pool: { name: 'gpu', size: 'small', autoscaling: { min: 5, max: 2 } },
      })
      .catch(e => e);
    expect(noAutoscaler.message).toContain(
      'autoscaling is not available in this profile',
    );
    expect(noAutoscaler.message).toContain(
      'autoscaling min 5 is greater than max 2',
    );
  });
});
