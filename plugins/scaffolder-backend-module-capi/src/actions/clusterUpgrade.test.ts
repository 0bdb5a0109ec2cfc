import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { commitSubjects, showFile } from '../__testUtils__/gitFixtures';
import { unresolvedReferences } from '../__testUtils__/references';
import { createClusterUpgradeAction } from './clusterUpgrade';
import {
  emptyPatchSummary,
  type ClusterSummary,
  type VersionCount,
} from '@capstan/plugin-capi-common';

/** What the capi backend reports on a cluster, reduced to what upgrades read. */
function liveCluster(options: {
  desiredVersion: string;
  status?: ClusterSummary['status'];
  cp: VersionCount[];
  /** name, spec version, version its machines run, status */
  pools: Array<[string, string, string, ClusterSummary['status']?]>;
}): Partial<ClusterSummary> {
  return {
    stale: false,
    desiredVersion: options.desiredVersion,
    status: options.status ?? 'Available',
    controlPlane: {
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      upToDateReplicas: 3,
      initialized: true,
      available: true,
      versions: options.cp,
      patch: emptyPatchSummary(),
    },
    nodePools: options.pools.map(([name, version, runs, status]) => ({
      name,
      version,
      versions: [{ version: runs, replicas: 2 }],
      status: status ?? 'Available',
    })) as ClusterSummary['nodePools'],
  };
}

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
        reason: 'Kubernetes v1.33.4 → v1.34.1',
        atMost: true,
      },
    ]);
    // The autoscaled pool's 6 is its upper bound: the totals say "up to".
    expect(outputs.summary).toMatch(
      /^Rollout replaces up to 12 machines: .*node pool batch \(up to 6 machines, Kubernetes/,
    );
    expect(logs.join('\n')).toContain(
      'Impact of the change "upgrade onprem-fra/clusters/payments-prod',
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
    expect(logs.join('\n')).toMatch(/Dry run: .* nothing was pushed to Git\./);
    expect(await commitSubjects(h.bare)).toHaveLength(2);
  });

  it('upgrades a classic cluster in CAPI order: the control plane with new machine templates, the pools in a second run once the control plane runs the version', async () => {
    await h.seedCluster({
      ...payments,
      profile: 'onprem-fra-classic',
      kubernetesVersion: 'v1.32.8',
      nodePools: [{ name: 'general', size: 'small', replicas: 2 }],
    });
    const classicFolder = 'clusters/onprem-fra/clusters-classic/payments-prod';
    const cluster = 'onprem-fra/clusters-classic/payments-prod';
    const upgrade = createClusterUpgradeAction(h.options);
    const before = await h.repoManifests(classicFolder);
    const first = await h.run(upgrade, {
      cluster,
      kubernetesVersion: 'v1.33.4',
    });
    expect(first.outputs.impact.replaced).toEqual([
      {
        target: 'control plane',
        machines: 3,
        reason: 'Kubernetes v1.32.8 → v1.33.4',
      },
    ]);
    // Review (the preview) and the task say the pools are not part of it.
    expect(first.outputs.summary).toBe(
      'Rollout replaces 3 machines: control plane (3 machines, Kubernetes v1.32.8 → v1.33.4). This upgrades the control plane only: node pool general (2 machines) stays on v1.32.8, because the node pools of a classic cluster must not run a newer Kubernetes than its control plane. The node pools follow in a second step once the control plane runs v1.33.4: run this upgrade again with v1.33.4 (the cluster\'s card then offers "Upgrade node pools to v1.33.4").',
    );
    let after = await h.repoManifests(classicFolder);
    const kcp = after.find(o => o.kind === 'KubeadmControlPlane');
    expect(kcp.spec.version).toBe('v1.33.4');
    expect(
      after.find(o => o.kind === 'MachineDeployment').spec.template.spec
        .version,
    ).toBe('v1.32.8');
    const oldNames = before
      .filter(o => o.kind === 'VSphereMachineTemplate')
      .map(o => o.metadata.name);
    const cpTemplate = after.find(
      o =>
        o.metadata.name ===
        kcp.spec.machineTemplate.spec.infrastructureRef.name,
    );
    expect(oldNames).not.toContain(cpTemplate.metadata.name);
    expect(cpTemplate.spec.template.spec.template).toBe(
      'ubuntu-2404-kube-v1.33.4',
    );
    expect(unresolvedReferences(after)).toEqual([]);

    // No further minor while the pools lag behind in Git.
    await expect(
      h.run(
        upgrade,
        { cluster, kubernetesVersion: 'v1.34.1' },
        { taskId: 'task-0004-abcdef' },
      ),
    ).rejects.toThrow(
      /node pool general \(v1.32.8\) still asks for an older version than the control plane \(v1.33.4\); upgrade the pools to v1.33.4 first/,
    );

    // The control plane still rolls out: the pools wait, nothing is written.
    const id = 'onprem-fra/clusters-classic/payments-prod';
    h.liveSummaries.set(
      id,
      liveCluster({
        desiredVersion: 'v1.33.4',
        status: 'RollingOut',
        cp: [
          { version: 'v1.32.8', replicas: 1 },
          { version: 'v1.33.4', replicas: 2 },
        ],
        pools: [['general', 'v1.32.8', 'v1.32.8']],
      }),
    );
    const commits = (await commitSubjects(h.bare)).length;
    await expect(
      h.run(
        upgrade,
        { cluster, kubernetesVersion: 'v1.33.4' },
        { taskId: 'task-0002-abcdef' },
      ),
    ).rejects.toThrow(
      /Cannot upgrade cluster "payments-prod" now: An upgrade to v1.33.4 is still rolling out: the control plane runs v1.32.8 and v1.33.4/,
    );
    expect(await commitSubjects(h.bare)).toHaveLength(commits);

    // The control plane runs v1.33.4 everywhere: the same version raises the pools.
    h.liveSummaries.set(
      id,
      liveCluster({
        desiredVersion: 'v1.33.4',
        cp: [{ version: 'v1.33.4', replicas: 3 }],
        pools: [['general', 'v1.32.8', 'v1.32.8']],
      }),
    );
    const second = await h.run(
      upgrade,
      { cluster, kubernetesVersion: 'v1.33.4' },
      { taskId: 'task-0003-abcdef' },
    );
    expect(second.outputs.impact.replaced).toEqual([
      {
        target: 'node pool general',
        machines: 2,
        reason: 'Kubernetes v1.32.8 → v1.33.4',
      },
    ]);
    after = await h.repoManifests(classicFolder);
    const md = after.find(o => o.kind === 'MachineDeployment');
    expect(md.spec.template.spec.version).toBe('v1.33.4');
    const mdTemplate = after.find(
      o => o.metadata.name === md.spec.template.spec.infrastructureRef.name,
    );
    expect(oldNames).not.toContain(mdTemplate.metadata.name);
    expect(mdTemplate.spec.template.spec.template).toBe(
      'ubuntu-2404-kube-v1.33.4',
    );
    expect(unresolvedReferences(after)).toEqual([]);
  });

  it('refuses while what runs is not yet on the Git version, a rollout or an in-place update runs, or the management cluster is stale — with the reason, before anything is written', async () => {
    await h.seedCluster(payments);
    const cluster = 'onprem-fra/clusters/payments-prod';
    const upgrade = createClusterUpgradeAction(h.options);
    const commits = (await commitSubjects(h.bare)).length;
    const cases: Array<[Partial<ClusterSummary>, RegExp]> = [
      [
        // v1.33.4 in Git, the control plane and one pool still on v1.32.8.
        liveCluster({
          desiredVersion: 'v1.33.4',
          status: 'RollingOut',
          cp: [{ version: 'v1.32.8', replicas: 3 }],
          pools: [
            ['general', 'v1.33.4', 'v1.32.8'],
            ['batch', 'v1.33.4', 'v1.33.4'],
          ],
        }),
        /An upgrade to v1.33.4 is still rolling out: the control plane runs v1.32.8, node pool general runs v1.32.8/,
      ],
      [
        liveCluster({
          desiredVersion: 'v1.33.4',
          status: 'RollingOut',
          cp: [{ version: 'v1.33.4', replicas: 3 }],
          pools: [['general', 'v1.33.4', 'v1.33.4', 'RollingOut']],
        }),
        /A rollout is in progress \(node pool general\)/,
      ],
      [
        {
          ...liveCluster({
            desiredVersion: 'v1.33.4',
            cp: [{ version: 'v1.33.4', replicas: 3 }],
            pools: [['general', 'v1.33.4', 'v1.33.4']],
          }),
          upgrade: {
            available: [],
            controlPlaneVersions: [{ version: 'v1.33.4', replicas: 3 }],
            workerVersions: [],
            updatingInPlace: ['payments-prod-general-abc'],
          },
        },
        /Machines are being updated in place \(payments-prod-general-abc\)/,
      ],
      [
        liveCluster({
          desiredVersion: 'v1.32.8',
          cp: [{ version: 'v1.32.8', replicas: 3 }],
          pools: [],
        }),
        /Git asks for v1.33.4 but the management cluster still has v1.32.8: the last change is not applied yet/,
      ],
      [
        {
          ...liveCluster({
            desiredVersion: 'v1.33.4',
            cp: [{ version: 'v1.33.4', replicas: 3 }],
            pools: [],
          }),
          stale: true,
          staleReason: 'connection refused',
        },
        /has not been heard from \(connection refused\)/,
      ],
    ];
    for (const [live, reason] of cases) {
      h.liveSummaries.set(cluster, live);
      await expect(
        h.run(upgrade, { cluster, kubernetesVersion: 'v1.34.1' }),
      ).rejects.toThrow(reason);
      await expect(
        h.run(
          upgrade,
          { cluster, kubernetesVersion: 'v1.34.1' },
          { dryRun: true },
        ),
      ).rejects.toThrow(/Cannot upgrade cluster "payments-prod" now/);
    }
    expect(await commitSubjects(h.bare)).toHaveLength(commits);

    // Everything runs v1.33.4 and nothing rolls out: the upgrade goes ahead.
    h.liveSummaries.set(
      cluster,
      liveCluster({
        desiredVersion: 'v1.33.4',
        cp: [{ version: 'v1.33.4', replicas: 3 }],
        pools: [
          ['general', 'v1.33.4', 'v1.33.4'],
          ['batch', 'v1.33.4', 'v1.33.4'],
        ],
      }),
    );
    const { outputs } = await h.run(upgrade, {
      cluster,
      kubernetesVersion: 'v1.34.1',
    });
    expect(outputs.changed).toBe(true);
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
