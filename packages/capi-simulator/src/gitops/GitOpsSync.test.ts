import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { startSimulator } from '../simulator';
import { redactRepoUrl } from './GitOpsSync';
import { kubeRequest, waitFor } from '../__testUtils__/kubeRequest';
import { Simulator } from '../types';

// Real HTTPS, git and child processes: leave room for a loaded CI machine.
jest.setTimeout(30_000);

const CLUSTERS = 'clusters.cluster.x-k8s.io';
const KCPS = 'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io';

/** A bare "remote" plus a working clone to commit into, like a GitOps repository on a Git host. */
function createRepo() {
  const root = mkdtempSync(join(tmpdir(), 'capi-sim-gitops-test-'));
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
    write(path: string, content: unknown) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(
        join(work, path),
        typeof content === 'string' ? content : YAML.stringify(content),
      );
    },
    remove(path: string) {
      rmSync(join(work, path), { recursive: true });
    },
    commit(message: string): string {
      run(work, 'add', '-A');
      run(work, 'commit', '--quiet', '-m', message);
      run(work, 'push', '--quiet', 'origin', 'main');
      return run(work, 'rev-parse', 'HEAD');
    },
  };
}

function clusterManifest(name: string, version: string) {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { name, labels: { 'capstan.dev/owner': 'team-a' } },
    spec: {
      topology: {
        classRef: { name: 'vsphere-standard' },
        version,
        controlPlane: { replicas: 1 },
      },
    },
  };
}

describe('GitOps sync', () => {
  let repo: ReturnType<typeof createRepo>;
  let sim: Simulator;
  let first: string;

  beforeAll(async () => {
    repo = createRepo();
    repo.write(
      'clusters/mc-a/team-a/alpha/cluster.yaml',
      clusterManifest('alpha', 'v1.33.2'),
    );
    repo.write('clusters/mc-a/team-a/alpha/kustomization.yaml', {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['cluster.yaml'],
    });
    repo.write('clusters/mc-a/team-a/alpha/catalog-info.yaml', {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'alpha' },
      spec: { type: 'kubernetes-cluster' },
    });
    repo.write(
      'clusters/mc-b/team-b/beta/cluster.yaml',
      clusterManifest('beta', 'v1.32.6'),
    );
    repo.write('README.md', 'not a manifest');
    first = repo.commit('two clusters');
    sim = await startSimulator({
      managementClusters: ['mc-a', 'mc-b'],
      gitopsRepo: repo.bare,
      gitopsPollIntervalMs: 50,
      reconcile: false,
      patchSimulation: false,
    });
  });

  afterAll(async () => {
    await sim?.stop();
    rmSync(repo.root, { recursive: true, force: true });
  });

  it('applies clusters/<mc>/ to that management cluster and records the revision', async () => {
    const a = sim.get('mc-a');
    const b = sim.get('mc-b');
    expect(sim.gitops!.syncedRevision('mc-a')).toBe(first);
    expect(sim.gitops!.syncedRevision('mc-b')).toBe(first);
    const alpha = a.store.get(CLUSTERS, 'team-a', 'alpha')!;
    expect((alpha.spec as any).topology.version).toBe('v1.33.2');
    expect(alpha.metadata.labels).toEqual({ 'capstan.dev/owner': 'team-a' });
    expect(a.store.get(CLUSTERS, 'team-b', 'beta')).toBeUndefined();
    expect(b.store.get(CLUSTERS, 'team-b', 'beta')).toBeDefined();
    const status = await kubeRequest(a, 'GET', '/_simulator/status');
    expect(status.json.gitops).toMatchObject({ revision: first, errors: [] });
  });

  it('applies new commits, keeps fields set by controllers, and prunes what was removed', async () => {
    const a = sim.get('mc-a');
    // Controller-owned fields that are not in Git must survive the next apply. The control
    // plane runs the current version everywhere, so CAPI's webhook admits the upgrade.
    a.store.mergePatch(CLUSTERS, 'team-a', 'alpha', {
      spec: {
        controlPlaneEndpoint: { host: '10.0.0.1', port: 6443 },
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          name: 'alpha-cp',
        },
      },
    });
    a.store.create(KCPS, {
      metadata: { name: 'alpha-cp', namespace: 'team-a' },
      spec: { replicas: 1, version: 'v1.33.2' },
      status: {
        version: 'v1.33.2',
        versions: [{ version: 'v1.33.2', replicas: 1 }],
      },
    });
    repo.write(
      'clusters/mc-a/team-a/alpha/cluster.yaml',
      clusterManifest('alpha', 'v1.34.0'),
    );
    repo.write(
      'clusters/mc-a/team-a/gamma/cluster.yaml',
      clusterManifest('gamma', 'v1.34.0'),
    );
    const second = repo.commit('upgrade alpha, add gamma');
    await waitFor(() => sim.gitops!.syncedRevision('mc-a') === second, {
      message: 'new commit not synced',
    });
    const alpha = a.store.get(CLUSTERS, 'team-a', 'alpha')!;
    expect((alpha.spec as any).topology.version).toBe('v1.34.0');
    expect((alpha.spec as any).controlPlaneEndpoint).toEqual({
      host: '10.0.0.1',
      port: 6443,
    });
    expect(alpha.metadata.generation).toBe(3);
    expect((alpha.spec as any).controlPlaneRef.name).toBe('alpha-cp');
    expect(a.store.get(CLUSTERS, 'team-a', 'gamma')).toBeDefined();

    repo.remove('clusters/mc-a/team-a/gamma');
    const third = repo.commit('remove gamma');
    await sim.gitops!.syncNow();
    expect(sim.gitops!.syncedRevision('mc-a')).toBe(third);
    expect(a.store.get(CLUSTERS, 'team-a', 'gamma')).toBeUndefined();
    // Objects not from Git are never pruned.
    a.store.create(CLUSTERS, {
      metadata: { name: 'manual', namespace: 'team-a' },
      spec: {},
    });
    repo.write('clusters/mc-a/team-a/alpha/notes.yaml', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'alpha-notes' },
      stringData: { a: 'b' },
    });
    const fourth = repo.commit('add a secret');
    await sim.gitops!.syncNow();
    expect(sim.gitops!.syncedRevision('mc-a')).toBe(fourth);
    expect(a.store.get(CLUSTERS, 'team-a', 'manual')).toBeDefined();
    expect(a.store.get('secrets', 'team-a', 'alpha-notes')).toBeDefined();
  });

  it('reports broken manifests and still applies the rest', async () => {
    const a = sim.get('mc-a');
    repo.write(
      'clusters/mc-a/team-a/broken/cluster.yaml',
      'apiVersion: cluster.x-k8s.io/v1beta2\nkind: Cluster\nmetadata: [oops\n',
    );
    repo.write(
      'clusters/mc-a/team-a/bad-name/cluster.yaml',
      clusterManifest('Bad_Name', 'v1.34.0'),
    );
    repo.write(
      'clusters/mc-a/team-a/delta/cluster.yaml',
      clusterManifest('delta', 'v1.34.0'),
    );
    const fifth = repo.commit('one good, two bad');
    await sim.gitops!.syncNow();
    expect(sim.gitops!.syncedRevision('mc-a')).toBe(fifth);
    expect(a.store.get(CLUSTERS, 'team-a', 'delta')).toBeDefined();
    const status = (await kubeRequest(a, 'GET', '/_simulator/status')).json
      .gitops;
    expect(status.errors).toHaveLength(2);
    expect(status.errors.join('\n')).toContain(
      'clusters/mc-a/team-a/broken/cluster.yaml',
    );
    expect(status.errors.join('\n')).toContain('Bad_Name');
  });

  it('never shows repository credentials', async () => {
    expect(
      redactRepoUrl('https://bot:s3cr3t@git.example.com/org/gitops.git'),
    ).toBe('https://***@git.example.com/org/gitops.git');
    expect(
      redactRepoUrl(
        "fatal: unable to access 'https://x-access-token:ghp_abc@github.com/o/r/'",
      ),
    ).not.toContain('ghp_abc');
    const failure = startSimulator({
      managementClusters: 1,
      gitopsRepo: 'file://user:hunter2@/nonexistent/repo.git',
      reconcile: false,
      patchSimulation: false,
    });
    await expect(failure).rejects.toThrow(/git clone failed/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it('refuses to start on a repository it cannot read', async () => {
    await expect(
      startSimulator({
        managementClusters: 1,
        gitopsRepo: join(repo.root, 'missing.git'),
        reconcile: false,
        patchSimulation: false,
      }),
    ).rejects.toThrow(/git clone failed/);
  });

  it('feeds the lifecycle reconciler: a cluster committed to Git becomes Available', async () => {
    const live = await startSimulator({
      managementClusters: ['mc-a'],
      gitopsRepo: repo.bare,
      gitopsPollIntervalMs: 50,
      timeScale: 400,
      patchSimulation: false,
    });
    try {
      const a = live.get('mc-a');
      await waitFor(
        () =>
          (
            a.store.get(CLUSTERS, 'team-a', 'alpha')?.status as any
          )?.conditions?.find((c: any) => c.type === 'Available')?.status ===
          'True',
        { message: 'cluster from Git did not become Available' },
      );
      const machines = a.store
        .list('machines.cluster.x-k8s.io', 'team-a')
        .filter(
          m => m.metadata.labels?.['cluster.x-k8s.io/cluster-name'] === 'alpha',
        );
      expect(machines.length).toBeGreaterThan(0);
      expect(machines.every(m => m.status?.phase === 'Running')).toBe(true);
    } finally {
      await live.stop();
    }
  });

  it("refuses what CAPI's webhooks refuse: the sync reports the denial and the live object stays", async () => {
    const a = sim.get('mc-a');
    // alpha runs v1.34.0 in Git, but its control plane has not got there: no next upgrade yet.
    repo.write(
      'clusters/mc-a/team-a/alpha/cluster.yaml',
      clusterManifest('alpha', 'v1.35.0'),
    );
    const refused = repo.commit('upgrade alpha again too early');
    await sim.gitops!.syncNow();
    expect(sim.gitops!.syncedRevision('mc-a')).toBe(refused);
    const { errors } = (await kubeRequest(a, 'GET', '/_simulator/status')).json
      .gitops;
    expect(errors).toContain(
      'clusters/mc-a/team-a/alpha/cluster.yaml (document 1): admission webhook "validation.cluster.cluster.x-k8s.io" denied the request: ' +
        'Cluster.cluster.x-k8s.io "alpha" is invalid: spec.topology.version: Invalid value: "v1.35.0": version cannot be changed: ' +
        'Cluster.spec.topology.version 1.34.0 was not propagated to control plane yet (control plane version 1.33.2)',
    );
    const alpha = a.store.get(CLUSTERS, 'team-a', 'alpha')!;
    expect((alpha.spec as any).topology.version).toBe('v1.34.0');
  });
});
