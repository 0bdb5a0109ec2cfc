import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { commitSubjects, showFile } from '../__testUtils__/gitFixtures';
import { unresolvedReferences } from '../__testUtils__/references';
import { createClusterUpgradeAction } from './clusterUpgrade';

const folder = 'clusters/onprem-fra/clusters/payments-prod';

describe('capi:cluster:upgrade', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  it('raises the topology version, keeps comments and unknown fields, and states the rollout', async () => {
    await h.seedCluster(payments);
    await h.editRepoFile(`${folder}/cluster.yaml`, text =>
      text
        .replace(
          '    version: v1.33.4',
          '    version: v1.33.4 # pinned by platform team',
        )
        .replace('  topology:', '  paused: false # keep\n  topology:'),
    );
    const { outputs, logs } = await h.run(
      createClusterUpgradeAction(h.options),
      {
        cluster: 'onprem-fra/clusters/payments-prod',
        kubernetesVersion: 'v1.34.1',
      },
    );
    expect(outputs.impact.replaced).toEqual([
      {
        target: 'control plane',
        machines: 3,
        reason: 'Kubernetes v1.33.4 → v1.34.1',
      },
      {
        target: 'node pool general',
        machines: 3,
        reason: 'Kubernetes v1.33.4 → v1.34.1',
      },
      {
        target: 'node pool batch',
        machines: 6,
        reason: 'Kubernetes v1.33.4 → v1.34.1 (autoscaled: at most)',
      },
    ]);
    expect(outputs.summary).toMatch(/^Rollout replaces 12 machines/);
    expect(logs.join('\n')).toContain(
      'Impact of upgrade onprem-fra/clusters/payments-prod',
    );
    expect(outputs.changed).toBe(true);
    const text = (await showFile(h.bare, `${folder}/cluster.yaml`))!;
    expect(text).toContain('version: v1.34.1 # pinned by platform team');
    expect(text).toContain('paused: false # keep');
    expect(text).toContain(
      '# Cluster onprem-fra/clusters/payments-prod, rendered by Capstan',
    );
    expect(await commitSubjects(h.bare)).toHaveLength(4);
  });

  it('rejects a skipped minor version, a downgrade and versions the profile lacks', async () => {
    await h.seedCluster({ ...payments, kubernetesVersion: 'v1.32.8' });
    const upgrade = createClusterUpgradeAction(h.options);
    const cluster = 'onprem-fra/clusters/payments-prod';
    await expect(
      h.run(upgrade, { cluster, kubernetesVersion: 'v1.34.1' }),
    ).rejects.toThrow(/skips a minor version/);
    await expect(
      h.run(upgrade, { cluster, kubernetesVersion: 'v1.31.0' }),
    ).rejects.toThrow(/not allowed by the cluster's profile/);
    await h.run(upgrade, { cluster, kubernetesVersion: 'v1.33.4' });
    await expect(
      h.run(upgrade, { cluster, kubernetesVersion: 'v1.32.8' }),
    ).rejects.toThrow(/would be a downgrade/);
    expect(await commitSubjects(h.bare)).toHaveLength(3);
  });

  it('states the impact in a dry run and pushes nothing', async () => {
    await h.seedCluster(payments);
    const { outputs, logs } = await h.run(
      createClusterUpgradeAction(h.options),
      {
        cluster: 'onprem-fra/clusters/payments-prod',
        kubernetesVersion: 'v1.34.1',
      },
      { dryRun: true },
    );
    expect(outputs.impact.replaced).toHaveLength(3);
    expect(outputs.changed).toBe(false);
    expect(logs.join('\n')).toMatch(/Dry run: .* nothing pushed/);
    expect(await commitSubjects(h.bare)).toHaveLength(2);
  });

  it('gives classic clusters new machine templates and keeps every reference resolvable', async () => {
    await h.seedCluster({
      ...payments,
      profile: 'onprem-fra-classic',
      kubernetesVersion: 'v1.32.8',
      nodePools: [{ name: 'general', size: 'small', replicas: 2 }],
    });
    const classicFolder = 'clusters/onprem-fra/clusters-classic/payments-prod';
    const before = await h.repoManifests(classicFolder);
    await h.run(createClusterUpgradeAction(h.options), {
      cluster: 'onprem-fra/clusters-classic/payments-prod',
      kubernetesVersion: 'v1.33.4',
    });
    const after = await h.repoManifests(classicFolder);
    const kcp = after.find(o => o.kind === 'KubeadmControlPlane');
    const md = after.find(o => o.kind === 'MachineDeployment');
    expect(kcp.spec.version).toBe('v1.33.4');
    expect(md.spec.template.spec.version).toBe('v1.33.4');
    const oldNames = before
      .filter(o => o.kind === 'VSphereMachineTemplate')
      .map(o => o.metadata.name);
    const cpTemplate = after.find(
      o =>
        o.metadata.name ===
        kcp.spec.machineTemplate.spec.infrastructureRef.name,
    );
    const mdTemplate = after.find(
      o => o.metadata.name === md.spec.template.spec.infrastructureRef.name,
    );
    expect(oldNames).not.toContain(cpTemplate.metadata.name);
    expect(oldNames).not.toContain(mdTemplate.metadata.name);
    expect(cpTemplate.spec.template.spec.template).toBe(
      'ubuntu-2404-kube-v1.33.4',
    );
    expect(mdTemplate.spec.template.spec.template).toBe(
      'ubuntu-2404-kube-v1.33.4',
    );
    expect(unresolvedReferences(after)).toEqual([]);
  });

  it('fails with NotFound for a cluster not in the repository', async () => {
    await expect(
      h.run(createClusterUpgradeAction(h.options), {
        cluster: 'onprem-fra/clusters/ghost',
        kubernetesVersion: 'v1.34.1',
      }),
    ).rejects.toThrow(/is not in the GitOps repository/);
    await expect(
      h.run(createClusterUpgradeAction(h.options), {
        cluster: 'onprem-fra/../etc',
        kubernetesVersion: 'v1.34.1',
      }),
    ).rejects.toThrow(/Invalid cluster ref/);
  });
});
