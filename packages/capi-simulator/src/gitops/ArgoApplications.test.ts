import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { startSimulator } from '../simulator';
import { kubeRequest, waitFor } from '../__testUtils__/kubeRequest';
import { Simulator } from '../types';

jest.setTimeout(60_000);

const MDS = 'machinedeployments.cluster.x-k8s.io';
const APPS = '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications';

function createRepo() {
  const root = mkdtempSync(join(tmpdir(), 'capi-sim-argo-test-'));
  const bare = join(root, 'remote.git');
  const work = join(root, 'work');
  const run = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      },
    })
      .toString()
      .trim();
  run(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  run(root, 'clone', '--quiet', bare, work);
  run(work, 'checkout', '--quiet', '-b', 'main');
  return {
    root,
    bare,
    write(path: string, docs: unknown[]) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(
        join(work, path),
        docs.map(d => YAML.stringify(d)).join('---\n'),
      );
    },
    commit(message: string): string {
      run(work, 'add', '-A');
      run(work, 'commit', '--quiet', '-m', message);
      run(work, 'push', '--quiet', 'origin', 'main');
      return run(work, 'rev-parse', 'HEAD');
    },
  };
}

/** A classic-mode cluster: the pool's MachineDeployment is in Git itself. */
function classicCluster(controlPlaneReplicas: number, workers: number) {
  return [
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name: 'gamma' },
      spec: {
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          name: 'gamma-control-plane',
        },
      },
    },
    {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmControlPlane',
      metadata: { name: 'gamma-control-plane' },
      spec: {
        replicas: controlPlaneReplicas,
        version: 'v1.33.2',
        machineTemplate: {
          spec: {
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'DevMachineTemplate',
              name: 'gamma-control-plane',
            },
          },
        },
      },
    },
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: { name: 'gamma-workers' },
      spec: {
        clusterName: 'gamma',
        replicas: workers,
        selector: { matchLabels: { pool: 'gamma-workers' } },
        template: {
          metadata: { labels: { pool: 'gamma-workers' } },
          spec: {
            clusterName: 'gamma',
            version: 'v1.33.2',
            bootstrap: { dataSecretName: 'gamma-workers-bootstrap' },
          },
        },
      },
    },
  ];
}

describe('GitOps sync: self-heal and Argo CD Applications', () => {
  let repo: ReturnType<typeof createRepo>;
  let sim: Simulator;

  beforeAll(async () => {
    repo = createRepo();
    repo.write('clusters/mc-a/team-a/gamma/cluster.yaml', classicCluster(1, 2));
    repo.commit('gamma');
    sim = await startSimulator({
      managementClusters: ['mc-a'],
      gitopsRepo: repo.bare,
      gitopsPollIntervalMs: 100,
      gitopsSelfHealAfterMs: 1_500,
      reconcile: false,
      patchSimulation: false,
    });
  });

  afterAll(async () => {
    await sim?.stop();
    rmSync(repo.root, { recursive: true, force: true });
  });

  const application = async () => {
    const list = await kubeRequest(sim.get('mc-a'), 'GET', APPS);
    expect(list.status).toBe(200);
    return (list.json.items as any[]).find(
      a => a.metadata.name === 'team-a.gamma',
    );
  };

  it('publishes an Application per cluster folder, Synced once applied', async () => {
    await waitFor(
      async () => (await application())?.status?.sync?.status === 'Synced',
    );
    const app = await application();
    expect(app.spec.source.path).toBe('clusters/mc-a/team-a/gamma');
    expect(app.status.operationState.phase).toBe('Succeeded');
    // Steady state: neither the objects nor the Application are rewritten on each poll.
    const mc = sim.get('mc-a');
    const before = mc.store.get(MDS, 'team-a', 'gamma-workers')!.metadata
      .resourceVersion;
    await new Promise(resolve => setTimeout(resolve, 1_000));
    expect(
      mc.store.get(MDS, 'team-a', 'gamma-workers')!.metadata.resourceVersion,
    ).toBe(before);
    expect((await application()).metadata.resourceVersion).toBe(
      app.metadata.resourceVersion,
    );
  });

  it('reverts a MachineDeployment scaled by hand after the self-heal delay, OutOfSync meanwhile', async () => {
    const mc = sim.get('mc-a');
    const patched = await kubeRequest(
      mc,
      'PATCH',
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/team-a/machinedeployments/gamma-workers',
      {
        body: { spec: { replicas: 5 } },
        contentType: 'application/merge-patch+json',
      },
    );
    expect(patched.status).toBe(200);
    await waitFor(
      async () => (await application())?.status?.sync?.status === 'OutOfSync',
    );
    expect(
      (mc.store.get(MDS, 'team-a', 'gamma-workers')!.spec as any).replicas,
    ).toBe(5);
    await waitFor(
      () =>
        (mc.store.get(MDS, 'team-a', 'gamma-workers')!.spec as any).replicas ===
        2,
    );
    await waitFor(
      async () => (await application())?.status?.sync?.status === 'Synced',
    );
  });

  it('reports a refused object as a failed sync with the webhook message', async () => {
    repo.write('clusters/mc-a/team-a/gamma/cluster.yaml', classicCluster(2, 2));
    repo.commit('even control plane');
    await waitFor(
      async () =>
        (await application())?.status?.operationState?.phase === 'Failed',
    );
    const app = await application();
    expect(app.status.sync.status).toBe('OutOfSync');
    expect(app.status.operationState.message).toMatch(
      /KubeadmControlPlane.*cannot be an even number when etcd is stacked/,
    );
    // Fixed in Git: the next sync succeeds.
    repo.write('clusters/mc-a/team-a/gamma/cluster.yaml', classicCluster(3, 2));
    repo.commit('odd control plane');
    await waitFor(
      async () =>
        (await application())?.status?.operationState?.phase === 'Succeeded',
    );
  });
});

describe('GitOps sync: self-heal turned off for a cluster', () => {
  let repo: ReturnType<typeof createRepo>;
  let sim: Simulator;

  beforeAll(async () => {
    repo = createRepo();
    repo.write('clusters/mc-a/team-a/gamma/cluster.yaml', classicCluster(1, 2));
    repo.commit('gamma');
    sim = await startSimulator({
      managementClusters: ['mc-a'],
      gitopsRepo: repo.bare,
      gitopsPollIntervalMs: 100,
      gitopsSelfHealAfterMs: 500,
      gitopsSelfHealOff: ['mc-a/team-a/gamma'],
      reconcile: false,
      patchSimulation: false,
    });
  });

  afterAll(async () => {
    await sim?.stop();
    rmSync(repo.root, { recursive: true, force: true });
  });

  const application = async () => {
    const list = await kubeRequest(sim.get('mc-a'), 'GET', APPS);
    return (list.json.items as any[]).find(
      a => a.metadata.name === 'team-a.gamma',
    );
  };

  it('keeps a hand change (drift stays visible), shows the Application OutOfSync with selfHeal false, and still applies new commits', async () => {
    await waitFor(
      async () => (await application())?.status?.sync?.status === 'Synced',
    );
    expect((await application()).spec.syncPolicy.automated).toEqual({
      prune: true,
      selfHeal: false,
    });
    const mc = sim.get('mc-a');
    const replicas = () =>
      (mc.store.get(MDS, 'team-a', 'gamma-workers')!.spec as any).replicas;
    const patched = await kubeRequest(
      mc,
      'PATCH',
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/team-a/machinedeployments/gamma-workers',
      {
        body: { spec: { replicas: 5 } },
        contentType: 'application/merge-patch+json',
      },
    );
    expect(patched.status).toBe(200);
    await waitFor(
      async () => (await application())?.status?.sync?.status === 'OutOfSync',
    );
    // Six times the self-heal delay: still as changed by hand.
    await new Promise(resolve => setTimeout(resolve, 3_000));
    expect(replicas()).toBe(5);
    expect((await application()).status.sync.status).toBe('OutOfSync');
    // A new commit is still applied (automated sync), which ends the drift.
    repo.write('clusters/mc-a/team-a/gamma/cluster.yaml', classicCluster(1, 3));
    repo.commit('three workers');
    await waitFor(() => replicas() === 3);
    await waitFor(
      async () => (await application())?.status?.sync?.status === 'Synced',
    );
  });
});
