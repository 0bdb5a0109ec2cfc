import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { commitSubjects } from '../__testUtils__/gitFixtures';
import { createClusterRenderAction } from './clusterRender';

describe('capi:cluster:render', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  it('writes the cluster folder into the workspace and outputs its refs', async () => {
    const { outputs, workspacePath, logs } = await h.run(
      createClusterRenderAction(h.options),
      payments,
    );
    expect(outputs).toEqual({
      path: 'clusters/onprem-fra/clusters/payments-prod',
      files: [
        'clusters/onprem-fra/clusters/payments-prod/cluster.yaml',
        'clusters/onprem-fra/clusters/payments-prod/kustomization.yaml',
        'clusters/onprem-fra/clusters/payments-prod/catalog-info.yaml',
      ],
      clusterRef: 'onprem-fra/clusters/payments-prod',
      // Names nothing of the cluster (catalog relations show it to everyone).
      entityRef: expect.stringMatching(
        /^resource:default\/cluster-[0-9a-f]{24}$/,
      ),
      managementCluster: 'onprem-fra',
      namespace: 'clusters',
      kubernetesVersion: 'v1.33.4',
    });
    expect(await h.workspaceFiles(workspacePath, outputs.path)).toEqual([
      'catalog-info.yaml',
      'cluster.yaml',
      'kustomization.yaml',
    ]);
    expect(logs.join('\n')).toMatch(
      /^Rendered the definition of cluster payments-prod \(namespace clusters, management cluster onprem-fra\): a Cluster that ClusterClass \S+ expands into its control plane and node pools, in 3 files under clusters\/onprem-fra\/clusters\/payments-prod\.$/m,
    );
  });

  it('names the same entity when task recovery re-runs the step, and another for another task', async () => {
    const action = createClusterRenderAction(h.options);
    const first = await h.run(action, payments, { keepCheckpoints: true });
    const rerun = await h.run(action, payments, { keepCheckpoints: true });
    expect(rerun.outputs.entityRef).toBe(first.outputs.entityRef);
    const other = await h.run(action, payments, {
      keepCheckpoints: true,
      taskId: 'task-0002-abcdef',
    });
    expect(other.outputs.entityRef).not.toBe(first.outputs.entityRef);
  });

  it('defaults the version to the profile default and the control plane to 3', async () => {
    const { outputs, workspacePath } = await h.run(
      createClusterRenderAction(h.options),
      {
        ...payments,
        kubernetesVersion: undefined,
        controlPlaneReplicas: undefined,
      } as any,
    );
    expect(outputs.kubernetesVersion).toBe('v1.33.4');
    const cluster = h.parse(
      await fs.readFile(
        path.join(workspacePath, outputs.path, 'cluster.yaml'),
        'utf8',
      ),
    );
    expect(cluster.spec.topology.controlPlane.replicas).toBe(3);
  });

  it('reports every problem at once and writes nothing', async () => {
    const action = createClusterRenderAction(h.options);
    const workspacePath = path.join(h.root, 'ws-invalid');
    await fs.mkdir(workspacePath);
    const error = await h
      .run(
        action,
        {
          profile: 'onprem-fra',
          name: 'Payments_Prod',
          owner: 'group:default/team-payments',
          kubernetesVersion: 'v1.31.0',
          controlPlaneReplicas: 2,
          podCidrs: ['10.0.0.0/8'],
          serviceCidrs: ['10.96.0.0/12'],
          nodePools: [
            { name: 'general', size: 'huge', replicas: 3 },
            { name: 'batch', size: 'large', autoscaling: { min: 5, max: 2 } },
            { name: 'more', size: 'small', replicas: 99 },
          ],
        },
        { workspacePath },
      )
      .catch(e => e);
    expect(error.name).toBe('InputError');
    for (const expected of [
      'cluster name "Payments_Prod" must consist of lower case letters',
      'control plane replicas must be 1, 3 or 5',
      'pod CIDR 10.0.0.0/8 overlaps service CIDR 10.96.0.0/12',
      'Kubernetes version "v1.31.0" is not allowed',
      'unknown size "huge"',
      'autoscaling min 5 is greater than max 2',
      "replicas 99 exceeds the profile's limit of 20",
    ]) {
      expect(error.message).toContain(expected);
    }
    expect(await fs.readdir(workspacePath)).toEqual([]);
  });

  it('refuses two IPv4 pod blocks before writing and writes a dual-stack pair', async () => {
    const action = createClusterRenderAction(h.options);
    const workspacePath = path.join(h.root, 'ws-two-ipv4');
    await fs.mkdir(workspacePath);
    const error = await h
      .run(
        action,
        { ...payments, podCidrs: ['192.168.0.0/20', '192.168.64.0/18'] },
        { workspacePath },
      )
      .catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(
      'Pod networks (podCidrs): 192.168.0.0/20 and 192.168.64.0/18 are both IPv4',
    );
    expect(await fs.readdir(workspacePath)).toEqual([]);

    const { outputs, workspacePath: written } = await h.run(action, {
      ...payments,
      podCidrs: ['192.168.0.0/16', 'FD00:10:244::/56'],
      serviceCidrs: ['10.96.0.0/12', 'fd00:10:96::/112'],
    });
    const cluster = h.parse(
      await fs.readFile(
        path.join(written, outputs.path, 'cluster.yaml'),
        'utf8',
      ),
    );
    expect(cluster.spec.clusterNetwork).toEqual(
      expect.objectContaining({
        pods: { cidrBlocks: ['192.168.0.0/16', 'fd00:10:244::/56'] },
        services: { cidrBlocks: ['10.96.0.0/12', 'fd00:10:96::/112'] },
      }),
    );
  });

  it('rejects an unknown profile and autoscaling where no autoscaler runs', async () => {
    const action = createClusterRenderAction(h.options);
    await expect(
      h.run(action, { ...payments, profile: 'mars' }),
    ).rejects.toThrow(/unknown cluster profile "mars"/);
    await expect(
      h.run(action, {
        ...payments,
        profile: 'azure-we',
        nodePools: [
          { name: 'general', size: 'small', autoscaling: { min: 1, max: 3 } },
        ],
      }),
    ).rejects.toThrow(/autoscaling is not available in this profile/);
    // The bounds' own problem is not hidden by the missing autoscaler.
    await expect(
      h.run(action, {
        ...payments,
        profile: 'azure-we',
        nodePools: [
          { name: 'general', size: 'small', autoscaling: { min: 5, max: 2 } },
        ],
      }),
    ).rejects.toThrow(/autoscaling min 5 is greater than max 2/);
  });

  it('rejects a cluster that already exists in the GitOps repository', async () => {
    await h.seedCluster(payments);
    const before = await commitSubjects(h.bare);
    await expect(
      h.run(createClusterRenderAction(h.options), payments),
    ).rejects.toThrow(
      /cluster "payments-prod" already exists in onprem-fra\/clusters/,
    );
    expect(await commitSubjects(h.bare)).toEqual(before);
  });

  it('says where each pool label ends up and writes the propagating form to the machines', async () => {
    const { outputs, workspacePath, logs } = await h.run(
      createClusterRenderAction(h.options),
      {
        ...payments,
        nodePools: [
          {
            name: 'batch',
            size: 'large',
            replicas: 2,
            labels: { tier: 'batch', 'node.cluster.x-k8s.io/tier': 'batch' },
          },
        ],
      },
    );
    const cluster = h.parse(
      await fs.readFile(
        path.join(workspacePath, outputs.path, 'cluster.yaml'),
        'utf8',
      ),
    );
    expect(
      cluster.spec.topology.workers.machineDeployments[0].metadata.labels,
    ).toEqual({ tier: 'batch', 'node.cluster.x-k8s.io/tier': 'batch' });
    const text = logs.join('\n');
    expect(text).toContain(
      'Node pool batch: label tier=batch stays on the MachineDeployment and its Machines and does not reach the nodes',
    );
    expect(text).toContain(
      'to label the nodes, write node.cluster.x-k8s.io/tier=batch',
    );
    expect(text).toContain(
      'Node pool batch: label node.cluster.x-k8s.io/tier=batch reaches the nodes',
    );
  });

  it('rejects pool names that make classic MachineDeployment names too long', async () => {
    await expect(
      h.run(createClusterRenderAction(h.options), {
        ...payments,
        profile: 'aws-eu',
        name: 'c'.repeat(40),
        nodePools: [{ name: 'p'.repeat(30), size: 'small', replicas: 1 }],
      }),
    ).rejects.toThrow(/MachineDeployment name .* is 71 characters long/);
  });

  it('refuses names the provider cannot take, saying which derived name breaks which rule', async () => {
    const action = createClusterRenderAction(h.options);
    const workspacePath = path.join(h.root, 'ws-provider-names');
    await fs.mkdir(workspacePath);
    const azure = await h
      .run(
        action,
        { ...payments, profile: 'azure-we', name: 'a'.repeat(45) },
        { workspacePath },
      )
      .catch(e => e);
    expect(azure.name).toBe('InputError');
    expect(azure.message).toContain(
      `Azure (CAPZ): AzureCluster name (the cluster name) "${'a'.repeat(
        45,
      )}" is 45 characters long; at most 44 are allowed`,
    );
    const docker = await h
      .run(
        action,
        { ...payments, profile: 'docker-local', name: 'd'.repeat(62) },
        { workspacePath },
      )
      .catch(e => e);
    expect(docker.message).toContain(
      'development provider (CAPD): load balancer container name (cluster name + "-lb")',
    );
    expect(await fs.readdir(workspacePath)).toEqual([]);
  });
});
