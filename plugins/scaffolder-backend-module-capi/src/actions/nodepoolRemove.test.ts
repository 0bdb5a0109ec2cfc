import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { commitSubjects } from '../__testUtils__/gitFixtures';
import { createNodePoolRemoveAction } from './nodepoolRemove';

describe('capi:nodepool:remove', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  it('removes a topology pool and states the machines deleted', async () => {
    await h.seedCluster(payments);
    const { outputs } = await h.run(createNodePoolRemoveAction(h.options), {
      cluster: 'onprem-fra/clusters/payments-prod',
      name: 'general',
    });
    expect(outputs.impact.deleted).toEqual([
      {
        target: 'node pool general',
        machines: 3,
        reason: 'pool removed; its machines are drained and deleted',
      },
    ]);
    const [cluster] = await h.repoManifests(
      'clusters/onprem-fra/clusters/payments-prod',
    );
    expect(
      cluster.spec.topology.workers.machineDeployments.map((p: any) => p.name),
    ).toEqual(['batch']);
  });

  it('removes a classic pool with the templates only it used', async () => {
    await h.seedCluster({
      ...payments,
      profile: 'aws-eu',
      nodePools: [
        { name: 'general', size: 'small', replicas: 2 },
        { name: 'batch', size: 'large', replicas: 1 },
      ],
    });
    await h.run(createNodePoolRemoveAction(h.options), {
      cluster: 'aws-eu/clusters/payments-prod',
      name: 'batch',
    });
    const objects = await h.repoManifests(
      'clusters/aws-eu/clusters/payments-prod',
    );
    expect(objects.map(o => o.kind)).toEqual([
      'Cluster',
      'AWSCluster',
      'KubeadmControlPlane',
      'AWSMachineTemplate',
      'AWSMachineTemplate',
      'KubeadmConfigTemplate',
      'MachineDeployment',
    ]);
    expect(objects.some(o => o.metadata.name.includes('batch'))).toBe(false);
  });

  it('refuses to remove the last pool', async () => {
    await h.seedCluster({
      ...payments,
      nodePools: [{ name: 'only', size: 'small', replicas: 1 }],
    });
    await expect(
      h.run(createNodePoolRemoveAction(h.options), {
        cluster: 'onprem-fra/clusters/payments-prod',
        name: 'only',
      }),
    ).rejects.toThrow(/last node pool/);
    expect(await commitSubjects(h.bare)).toHaveLength(2);
  });
});
