import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';
import { validateLabels } from '@capstan/plugin-capi-common';
import { createClusterRenderAction } from '../actions/clusterRender';
import { createNodePoolAddAction } from '../actions/nodepoolAdd';
import { createNodePoolUpdateAction } from '../actions/nodepoolUpdate';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { allRefs, commitRaw } from '../__testUtils__/gitFixtures';

describe('hostile render and day-2 inputs', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  it('an owner like "group:default/Team A" gives valid label values; the full ref stays in annotations', async () => {
    const { workspacePath, outputs } = await h.run(
      createClusterRenderAction(h.options),
      {
        ...payments,
        owner: 'group:default/Team A',
        entityRef: 'component:Default Space/Pay Ments!',
      },
    );
    const text = await fs.readFile(
      `${workspacePath}/${outputs.path}/cluster.yaml`,
      'utf8',
    );
    const [cluster] = parseAllDocuments(text).map((d: any) => d.toJSON());
    expect(validateLabels('Cluster', cluster.metadata.labels)).toEqual([]);
    expect(cluster.metadata.labels['capstan.dev/owner']).toMatch(
      /^team-a-[0-9a-f]{8}$/,
    );
    expect(cluster.metadata.annotations['capstan.dev/owner-ref']).toMatch(
      /^group:default\/team a$/i,
    );
  });

  it('refuses bad taint values, reserved label and taint prefixes, the control-plane pool and profile add-ons, all at once', async () => {
    const error = await h
      .run(createClusterRenderAction(h.options), {
        ...payments,
        nodePools: [
          {
            name: 'control-plane',
            size: 'medium',
            replicas: 1,
            labels: {
              'kubernetes.io/hostname': 'x',
              'node-role.kubernetes.io/gpu': '',
            },
            taints: [
              { key: 'gpu', value: 'a b', effect: 'NoSchedule' },
              { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
            ],
          },
        ],
        addons: ['cni', 'monitoring', 'monitoring'],
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    for (const expected of [
      '"control-plane" is reserved for the control plane',
      'label "kubernetes.io/hostname" uses the reserved prefix "kubernetes.io/"',
      'the value of taint "gpu" must be at most 63 letters',
      'taint "node.kubernetes.io/unschedulable" uses the reserved prefix',
      'add-on "cni" is set by the cluster profile',
      'add-on "monitoring" is listed more than once',
    ]) {
      expect(error.message).toContain(expected);
    }
    expect(error.message).not.toContain('node-role.kubernetes.io/gpu');
  });

  it('writes CIDRs in the normalised form they were validated in', async () => {
    const { workspacePath, outputs } = await h.run(
      createClusterRenderAction(h.options),
      {
        ...payments,
        podCidrs: [' 010.001.0.0/16'],
        serviceCidrs: ['10.96.0.0/12 '],
      },
    );
    const text = await fs.readFile(
      `${workspacePath}/${outputs.path}/cluster.yaml`,
      'utf8',
    );
    expect(text).toContain('- 10.1.0.0/16');
    expect(text).toContain('- 10.96.0.0/12');
    expect(text).not.toContain('010.001');
  });

  it('day-2: the control-plane pool name and reserved label prefixes are refused, nothing pushed', async () => {
    await h.seedCluster(payments);
    const refs = await allRefs(h.bare);
    await expect(
      h.run(createNodePoolAddAction(h.options), {
        cluster: 'onprem-fra/clusters/payments-prod',
        pool: { name: 'control-plane', size: 'large', replicas: 1 },
      }),
    ).rejects.toThrow(/reserved for the control plane/);
    await expect(
      h.run(createNodePoolUpdateAction(h.options), {
        cluster: 'onprem-fra/clusters/payments-prod',
        name: 'general',
        labels: { 'cluster.x-k8s.io/cluster-name': 'someone-else' },
      }),
    ).rejects.toThrow(/reserved prefix "cluster.x-k8s.io\/"/);
    expect(await allRefs(h.bare)).toEqual(refs);
  });
});

describe('a new cluster whose name is taken', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  it('is refused when the Cluster exists live, though not in Git', async () => {
    h.liveClusters.add('onprem-fra/clusters/payments-prod');
    await expect(
      h.run(createClusterRenderAction(h.options), payments),
    ).rejects.toThrow(
      /a Cluster "payments-prod" already exists in management cluster onprem-fra/,
    );
  });

  it('is refused when a cluster of that name exists live in another namespace of the management cluster', async () => {
    h.liveClusters.add('onprem-fra/team-payments/payments-prod');
    const before = await allRefs(h.bare);
    await expect(
      h.run(createClusterRenderAction(h.options), payments),
    ).rejects.toThrow(
      /a cluster named "payments-prod" already exists in namespace team-payments of management cluster onprem-fra; cluster names must be unique per management cluster/,
    );
    expect(await allRefs(h.bare)).toEqual(before);
  });

  it('is refused when Git holds a cluster of that name in another namespace of the management cluster, and allowed in another management cluster', async () => {
    await commitRaw(h.bare, 'a namesake in another namespace', async dir => {
      const folder = path.join(
        dir,
        'clusters/onprem-fra/team-payments/payments-prod',
      );
      await fs.mkdir(folder, { recursive: true });
      await fs.writeFile(path.join(folder, 'cluster.yaml'), 'kind: Cluster\n');
    });
    const before = await allRefs(h.bare);
    await expect(
      h.run(createClusterRenderAction(h.options), payments),
    ).rejects.toThrow(
      /a cluster named "payments-prod" already exists in namespace team-payments of management cluster onprem-fra \(in the GitOps repository\)/,
    );
    expect(await allRefs(h.bare)).toEqual(before);
  });

  it('is allowed when the namesake lives in another management cluster', async () => {
    h.liveClusters.add('aws-eu/team-payments/payments-prod');
    const { outputs } = await h.run(
      createClusterRenderAction(h.options),
      payments,
    );
    expect(outputs.clusterRef).toBe('onprem-fra/clusters/payments-prod');
  });

  it('is refused in classic mode when object names could collide with another cluster (a + b-c vs a-b + c)', async () => {
    const classic = { ...payments, profile: 'aws-eu' };
    await h.seedCluster({
      ...classic,
      name: 'a',
      nodePools: [{ name: 'b-c', size: 'small', replicas: 1 }],
    });
    const error = await h
      .run(createClusterRenderAction(h.options), {
        ...classic,
        name: 'a-b',
        nodePools: [{ name: 'c', size: 'small', replicas: 1 }],
      })
      .catch(e => e);
    expect(error.message).toMatch(
      /could give objects the same names as cluster "a"/,
    );
    // And the other way round: "a" when "a-b" exists.
    const other = await createActionHarness();
    try {
      await other.seedCluster({
        ...classic,
        name: 'a-b',
        nodePools: [{ name: 'c', size: 'small', replicas: 1 }],
      });
      await expect(
        other.run(createClusterRenderAction(other.options), {
          ...classic,
          name: 'a',
          nodePools: [{ name: 'b-c', size: 'small', replicas: 1 }],
        }),
      ).rejects.toThrow(/could give objects the same names as cluster "a-b"/);
      other.liveClusters.add('aws-eu/clusters/x');
      await expect(
        other.run(createClusterRenderAction(other.options), {
          ...classic,
          name: 'x-y',
          nodePools: [{ name: 'z', size: 'small', replicas: 1 }],
        }),
      ).rejects.toThrow(/the live cluster "x"/);
    } finally {
      await other.close();
    }
  });
});
