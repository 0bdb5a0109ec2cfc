import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CLUSTER_ANNOTATIONS,
  DEFAULT_PATCH_ANNOTATIONS,
} from '@capstan/plugin-capi-common';
import type { ClusterProfile } from '@capstan/plugin-capi-node';
import { parseAllDocuments } from 'yaml';
import { TRACKING_ANNOTATION } from '../gitops/GitOpsSync';
import { startSimulator } from '../simulator';
import { kubeRequest } from '../__testUtils__/kubeRequest';
import { KubeObject, Simulator, SimulatorOptions } from '../types';
import { planFleet } from './FleetPlan';
import { SEED_MARKER_FILE, SeedClusterRenderer } from './GitopsFleetSeed';
import {
  createTemplateSeedRenderer,
  readProfilesFromAppConfig,
} from './templateRenderer';

// Real git and HTTPS listeners on a loaded machine.
jest.setTimeout(180_000);

const CLUSTERS = 'clusters.cluster.x-k8s.io';
const MACHINES = 'machines.cluster.x-k8s.io';
const APP_CONFIG = resolve(__dirname, '../../../../app-config.yaml');
const DEMO_MCS: SimulatorOptions['managementClusters'] = [
  { name: 'onprem-fra', provider: 'vsphere' },
  { name: 'aws-eu', provider: 'aws' },
  { name: 'azure-we', provider: 'azure' },
];

function git(gitDir: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], {
    encoding: 'utf8',
  }).trim();
}

/** An empty bare repository with one commit, as scripts/start.sh creates it. */
function createRepo(): { root: string; bare: string } {
  const root = mkdtempSync(join(tmpdir(), 'capi-sim-seed-test-'));
  const bare = join(root, 'gitops.git');
  const work = join(root, 'init');
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', bare]);
  execFileSync('git', ['init', '--quiet', '-b', 'main', work]);
  execFileSync(
    'git',
    ['-C', work, 'commit', '--quiet', '--allow-empty', '-m', 'init'],
    { env },
  );
  execFileSync('git', ['-C', work, 'push', '--quiet', bare, 'main']);
  return { root, bare };
}

/** Removes a folder from the repository in a commit, as the decommission template does. */
function removeFolder(bare: string, root: string, path: string) {
  const work = join(root, `rm-${Date.now()}`);
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  execFileSync('git', ['clone', '--quiet', bare, work]);
  execFileSync('git', ['-C', work, 'rm', '--quiet', '-r', path]);
  execFileSync('git', ['-C', work, 'commit', '--quiet', '-m', 'decommission'], {
    env,
  });
  execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'main']);
}

function condition(obj: KubeObject, type: string) {
  return ((obj.status as any)?.conditions ?? []).find(
    (c: any) => c.type === type,
  );
}

describe('seeding into the GitOps repository', () => {
  let profiles: ClusterProfile[];
  let render: SeedClusterRenderer;
  let repo: { root: string; bare: string };
  const sims: Simulator[] = [];

  const start = async (extra: Partial<SimulatorOptions> = {}) => {
    const sim = await startSimulator({
      managementClusters: DEMO_MCS,
      seedClusters: 24,
      seed: 5,
      seedInto: 'git',
      renderSeededCluster: render,
      gitopsRepo: repo.bare,
      gitopsPollIntervalMs: 60_000,
      reconcile: false,
      patchSimulation: false,
      ...extra,
    });
    sims.push(sim);
    return sim;
  };

  beforeAll(async () => {
    profiles = await readProfilesFromAppConfig([APP_CONFIG]);
    render = createTemplateSeedRenderer(profiles);
  });

  beforeEach(() => {
    repo = createRepo();
  });

  afterEach(async () => {
    await Promise.all(sims.splice(0).map(s => s.stop()));
    rmSync(repo.root, { recursive: true, force: true });
  });

  it("renders every planned cluster of the demo with the demo's profiles, as the new-cluster template would", async () => {
    const plans = planFleet(
      [
        { name: 'onprem-fra', provider: 'vsphere' },
        { name: 'aws-eu', provider: 'aws' },
        { name: 'azure-we', provider: 'azure' },
      ],
      36,
      1,
    );
    for (const plan of plans) {
      const folder = await render(plan);
      expect(folder.path).toBe(
        `clusters/${plan.managementCluster}/clusters/${plan.name}`,
      );
      expect(Object.keys(folder.files).sort()).toEqual([
        'catalog-info.yaml',
        'cluster.yaml',
        'kustomization.yaml',
      ]);
      const cluster = parseAllDocuments(folder.files['cluster.yaml'])
        .map(d => d.toJS())
        .find(o => o.kind === 'Cluster');
      expect(cluster.metadata.annotations[CLUSTER_ANNOTATIONS.ownerRef]).toBe(
        `group:default/${plan.owner.group}`,
      );
      expect(cluster.metadata.annotations[CLUSTER_ANNOTATIONS.entityRef]).toBe(
        `component:default/${plan.owner.component}`,
      );
    }
  });

  it('writes the seeded folders in one commit, and the sync creates the clusters with live state variety', async () => {
    const sim = await start();
    const files = git(repo.bare, 'ls-tree', '-r', '--name-only', 'main').split(
      '\n',
    );
    expect(files).toContain(SEED_MARKER_FILE);
    const folders = new Set(
      files
        .filter(f => f.startsWith('clusters/'))
        .map(f => f.split('/').slice(0, 4).join('/')),
    );
    expect(folders.size).toBe(24);
    expect(git(repo.bare, 'log', '--format=%s', 'main').split('\n')).toEqual([
      'Seed 24 demo clusters',
      'init',
    ]);

    const clusters = sim.managementClusters.flatMap(mc =>
      mc.store.list(CLUSTERS),
    );
    expect(clusters).toHaveLength(24);
    // Every manifest the new-cluster template renders (topology and classic) passes CAPI's webhooks.
    for (const mc of sim.managementClusters) {
      const status = await kubeRequest(mc, 'GET', '/_simulator/status');
      expect(status.json.gitops.errors).toEqual([]);
    }
    for (const cluster of clusters) {
      // Created by the GitOps sync from the folder, like a template-made cluster.
      expect(cluster.metadata.annotations?.[TRACKING_ANNOTATION]).toBeTruthy();
      expect(folders).toContain(
        cluster.metadata.annotations?.[CLUSTER_ANNOTATIONS.gitopsPath],
      );
      expect(cluster.status?.phase).toBeTruthy();
    }
    const available = clusters.filter(
      c => condition(c, 'Available')?.status === 'True',
    );
    expect(available.length).toBeGreaterThan(12);
    const machines = sim.managementClusters.flatMap(mc =>
      mc.store.list(MACHINES),
    );
    expect(machines.length).toBeGreaterThan(24 * 3);
    expect(
      machines.some(
        m =>
          Number(
            m.metadata.annotations?.[
              DEFAULT_PATCH_ANNOTATIONS.pendingSecurityUpdates
            ],
          ) > 0,
      ),
    ).toBe(true);
    // Classic-mode profiles (AWS, Azure) bring their control plane from Git; its machines are seeded.
    const aws = sim.get('aws-eu').store;
    for (const cluster of aws.list(CLUSTERS)) {
      expect((cluster.spec as any).topology).toBeUndefined();
      const ours = aws
        .list(MACHINES)
        .filter(
          m =>
            m.metadata.labels?.['cluster.x-k8s.io/cluster-name'] ===
            cluster.metadata.name,
        );
      expect(ours.length).toBeGreaterThan(1);
    }
  });

  it('an upgrading seeded cluster runs the previous version while Git asks for the next; the reconciler finishes the rollout', async () => {
    const sim = await start({
      seedClusters: 60,
      reconcile: true,
      timeScale: 400,
    });
    const rolling = sim.managementClusters
      .flatMap(mc => mc.store.list(CLUSTERS))
      .filter(c => condition(c, 'RollingOut')?.status === 'True');
    expect(rolling.length).toBeGreaterThan(0);
  });

  it('a restart seeds nothing again, and a decommissioned cluster stays gone', async () => {
    const first = await start();
    const names = first.managementClusters
      .flatMap(mc => mc.store.list(CLUSTERS))
      .map(c => c.metadata.name)
      .sort();
    await first.stop();
    sims.splice(0);

    const gone = names[0];
    const path = git(repo.bare, 'ls-tree', '-d', '--name-only', '-r', 'main')
      .split('\n')
      .find(p => p.endsWith(`/${gone}`))!;
    removeFolder(repo.bare, repo.root, path);
    const commits = git(repo.bare, 'rev-list', '--count', 'main');

    const second = await start({ seedClusters: 30 });
    expect(git(repo.bare, 'rev-list', '--count', 'main')).toBe(commits);
    const again = second.managementClusters
      .flatMap(mc => mc.store.list(CLUSTERS))
      .map(c => c.metadata.name)
      .sort();
    expect(again).toEqual(names.filter(n => n !== gone));
    // Live state again, from the recorded seed.
    expect(
      second.managementClusters.flatMap(mc => mc.store.list(MACHINES)).length,
    ).toBeGreaterThan(24 * 3);
  });

  it('refuses a rendered folder outside clusters/<mc>/<namespace>/<name> and writes nothing', async () => {
    const hostile: SeedClusterRenderer = async plan => ({
      path: `clusters/${plan.managementCluster}/../../etc/${plan.name}`,
      files: { 'cluster.yaml': 'kind: Cluster\n' },
    });
    await expect(start({ renderSeededCluster: hostile })).rejects.toThrow(
      /is not clusters\/<mc>\/<namespace>\/<name>/,
    );
    const badName: SeedClusterRenderer = async plan => ({
      ...(await render(plan)),
      files: { '../escape.yaml': 'x: 1\n' },
    });
    await expect(start({ renderSeededCluster: badName })).rejects.toThrow(
      /not a plain file name/,
    );
    expect(git(repo.bare, 'rev-list', '--count', 'main')).toBe('1');
  });

  it('needs a repository and a renderer', async () => {
    await expect(
      startSimulator({
        managementClusters: 1,
        seedClusters: 2,
        seedInto: 'git',
        reconcile: false,
        patchSimulation: false,
      }),
    ).rejects.toThrow(/needs gitopsRepo and renderSeededCluster/);
  });
});
