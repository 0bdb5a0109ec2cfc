import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startSimulator, Simulator } from '@capstan/capi-simulator';
import type { ClusterDrift } from '@capstan/plugin-capi-common';
import YAML from 'yaml';
import { eventually, wholeCluster } from '../__testUtils__/fixtures';
import { createFleetCache, FleetCache } from '../services/FleetCache';
import { GitopsMirror } from '../services/GitopsMirror';
import { DriftFeature } from './DriftFeature';

// Real HTTPS, git and kubectl on a shared 2-core machine: allow for load.
jest.setTimeout(120_000);

const kubectl =
  spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status ===
  0;

function createRepo() {
  const root = mkdtempSync(join(tmpdir(), 'capi-drift-test-'));
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
    });
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
    commit() {
      run(work, 'add', '-A');
      run(work, 'commit', '--quiet', '-m', 'change');
      run(work, 'push', '--quiet', 'origin', 'main');
    },
  };
}

const clusterLabel = (name: string) => ({
  'cluster.x-k8s.io/cluster-name': name,
});

/** A classic cluster: its pool's MachineDeployment is in Git itself. */
function classicCluster(name: string, workers: number) {
  return [
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name, labels: { 'capstan.dev/owner': 'team-a' } },
      spec: {
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          name: `${name}-control-plane`,
        },
      },
    },
    {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmControlPlane',
      metadata: { name: `${name}-control-plane`, labels: clusterLabel(name) },
      spec: {
        replicas: 1,
        version: 'v1.33.2',
        machineTemplate: {
          spec: {
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'DevMachineTemplate',
              name: `${name}-control-plane`,
            },
          },
        },
      },
    },
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: { name: `${name}-workers`, labels: clusterLabel(name) },
      spec: {
        clusterName: name,
        replicas: workers,
        selector: { matchLabels: { pool: `${name}-workers` } },
        template: {
          metadata: { labels: { pool: `${name}-workers` } },
          spec: {
            clusterName: name,
            version: 'v1.33.2',
            bootstrap: {
              configRef: {
                apiGroup: 'bootstrap.cluster.x-k8s.io',
                kind: 'KubeadmConfigTemplate',
                name: `${name}-workers`,
              },
            },
          },
        },
      },
    },
  ];
}

describe('drift against the simulator', () => {
  let repo: ReturnType<typeof createRepo>;
  let sim: Simulator;
  let mirror: GitopsMirror;
  let cache: FleetCache;
  let drift: DriftFeature;
  let home: string;

  beforeAll(async () => {
    repo = createRepo();
    repo.write(
      'clusters/mc-a/team-a/gamma/cluster.yaml',
      classicCluster('gamma', 2),
    );
    // Refused by the simulated webhook: never created, and its sync fails.
    repo.write('clusters/mc-a/team-a/ghost/cluster.yaml', [
      {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        kind: 'Cluster',
        metadata: { name: 'ghost' },
        spec: {
          topology: {
            classRef: { name: 'vsphere-standard' },
            version: 'v1.33.2',
            controlPlane: { replicas: 2 },
          },
        },
      },
    ]);
    repo.commit();
    home = mkdtempSync(join(tmpdir(), 'capi-drift-kube-'));
    sim = await startSimulator({
      managementClusters: ['mc-a'],
      gitopsRepo: repo.bare,
      gitopsPollIntervalMs: 200,
      // Long enough to see `drifted` after the backend's 1 s grace period.
      gitopsSelfHealAfterMs: 8_000,
      kubeconfigDir: join(home, 'kubeconfigs'),
      reconcile: false,
      patchSimulation: false,
      bookmarkIntervalMs: 200,
    });
    // Live, never in Git.
    for (const [resource, object] of wholeCluster('handmade', {
      namespace: 'team-a',
    })) {
      sim.get('mc-a').store.create(resource, object);
    }
    const logger = mockServices.logger.mock();
    mirror = GitopsMirror.create({
      gitops: { repoUrl: repo.bare, branch: 'main' },
      logger,
      minRefreshIntervalMs: 0,
    });
    drift = DriftFeature.create({
      config: new ConfigReader({
        capi: {
          managementClusters: [{ name: 'mc-a' }],
          drift: { gracePeriod: '1s' },
          argocd: { enabled: true, namespace: 'argocd' },
        },
      }),
      logger,
      mirror,
    });
    const mc = sim.get('mc-a');
    cache = createFleetCache({
      managementClusters: [
        {
          name: 'mc-a',
          title: 'MC A',
          url: mc.url,
          caData: mc.caData,
          auth: { type: 'serviceAccountToken', token: mc.readOnlyToken },
          skipTLSVerify: false,
        },
      ],
      logger,
      gitFolders: mirror,
      extraWatches: drift.extraWatches,
      decorateSummary: drift.decorate,
      timings: { initialBackoffMs: 20, maxBackoffMs: 200 },
    });
    drift.attach({
      index: cache.index,
      syncedManagementClusters: () =>
        cache.watchers
          .filter(w => w.health().state === 'synced')
          .map(w => w.name),
    });
    cache.start();
    drift.start(100);
    await mirror.refresh();
  });

  afterAll(async () => {
    drift?.stop();
    await cache?.stop();
    await mirror?.stop();
    await sim?.stop();
    rmSync(repo.root, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  const driftOf = (name: string): ClusterDrift | undefined =>
    cache.reader.cluster(`mc-a/team-a/${name}`)?.drift;

  it('shows a cluster as Git has it in-sync, a live-only one unmanaged', async () => {
    await eventually(
      () => expect(driftOf('gamma')?.state).toBe('in-sync'),
      30_000,
    );
    expect(driftOf('gamma')?.fields).toEqual([]);
    expect(driftOf('handmade')?.state).toBe('unmanaged');
  });

  it('shows a MachineDeployment scaled by hand as drifted with both values, then in-sync once the GitOps sync reverts it', async () => {
    const mc = sim.get('mc-a');
    const scaleByHand = async () => {
      if (!kubectl) {
        mc.store.mergePatch(
          'machinedeployments.cluster.x-k8s.io',
          'team-a',
          'gamma-workers',
          { spec: { replicas: 5 } },
        );
        return { status: 0, stderr: '' };
      }
      // Asynchronously: the simulator answers kubectl from this same process.
      const result = await new Promise<{ status: number; stderr: string }>(
        resolve => {
          execFile(
            'kubectl',
            [
              '--kubeconfig',
              mc.kubeconfigPath!,
              '-n',
              'team-a',
              'patch',
              'machinedeployments.cluster.x-k8s.io',
              'gamma-workers',
              '--type',
              'merge',
              '-p',
              '{"spec":{"replicas":5}}',
            ],
            {
              env: {
                ...process.env,
                HOME: home,
                KUBECACHEDIR: join(home, 'cache'),
              },
            },
            (error, _stdout, stderr) =>
              resolve({ status: error ? 1 : 0, stderr: String(stderr) }),
          );
        },
      );
      return result;
    };
    const result = await scaleByHand();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // Within the grace period: pending; after it: drifted, field and both values.
    await eventually(() => {
      const current = driftOf('gamma');
      expect(current?.state).toBe('drifted');
      expect(current?.fields).toEqual([
        { field: 'pools.workers.replicas', git: '2', live: '5' },
      ]);
      expect(current?.reason).toMatch(/no change in flight/);
    }, 30_000);
    // The simulator's self-heal (like Argo CD's) puts Git's value back.
    await eventually(() => {
      expect(driftOf('gamma')?.state).toBe('in-sync');
      expect(driftOf('gamma')?.fields).toEqual([]);
    }, 60_000);
  });

  it('reports a folder the sync refused as missing, with the Argo CD reason "sync failed: <message>"', async () => {
    await eventually(() => {
      const ghost = drift
        .fleet({ state: ['missing'] })
        .items.find(i => i.name === 'ghost');
      expect(ghost?.drift.state).toBe('missing');
      expect(ghost?.drift.argocd?.syncStatus).toBe('OutOfSync');
      expect(ghost?.drift.argocd?.reason).toMatch(
        /^sync failed: .*cannot be an even number when etcd is stacked/,
      );
    }, 30_000);
    const report = drift.fleet({});
    expect(report.counts).toMatchObject({ missing: 1, unmanaged: 1 });
    expect(report.counts['in-sync'] + report.counts.pending).toBe(1);
    // gamma's Application is Synced and Healthy or Progressing, with no failure.
    const gamma = report.items.find(i => i.name === 'gamma');
    expect(gamma?.drift.argocd).toMatchObject({
      application: 'argocd/team-a.gamma',
      path: 'clusters/mc-a/team-a/gamma',
    });
    expect(gamma?.drift.argocd?.reason).toBeUndefined();
  });
});
