import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../simulator';
import { waitFor } from '../__testUtils__/kubeRequest';
import { Simulator } from '../types';

// Real HTTPS, git and child processes: leave room for a loaded CI machine.
jest.setTimeout(30_000);

const kubectl =
  spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status ===
  0
    ? 'kubectl'
    : undefined;

// kubectl comes from Debian's kubernetes-client (scripts/bootstrap.sh installs it).
(kubectl ? describe : describe.skip)(
  'kubectl against a generated kubeconfig',
  () => {
    let sim: Simulator;
    let dir: string;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'capi-sim-kubectl-'));
      // kubectl caches discovery under $HOME/.kube; keep it in the test directory.
      env = { ...process.env, HOME: dir, KUBECACHEDIR: join(dir, 'cache') };
      sim = await startSimulator({
        managementClusters: ['mc-k'],
        seedClusters: 3,
        kubeconfigDir: join(dir, 'kubeconfigs'),
        reconcile: false,
        patchSimulation: false,
      });
    });

    afterAll(async () => {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    function run(...args: string[]) {
      return new Promise<{
        code: number | null;
        stdout: string;
        stderr: string;
      }>(resolve => {
        const child = spawn(
          'kubectl',
          ['--kubeconfig', sim.get('mc-k').kubeconfigPath!, ...args],
          { env },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', c => (stdout += c));
        child.stderr.on('data', c => (stderr += c));
        child.on('close', code => resolve({ code, stdout, stderr }));
      });
    }

    it('lists clusters across namespaces with the CRD columns', async () => {
      const result = await run('get', 'clusters.cluster.x-k8s.io', '-A');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+CLUSTERCLASS\s+AVAILABLE/);
      const names = sim
        .get('mc-k')
        .store.list('clusters.cluster.x-k8s.io')
        .map(c => c.metadata.name);
      expect(lines).toHaveLength(names.length + 1);
      for (const name of names) expect(result.stdout).toContain(name);
    });

    it('reads one object as YAML and rejects a restricted user', async () => {
      const cluster = sim
        .get('mc-k')
        .store.list('clusters.cluster.x-k8s.io')[0];
      const result = await run(
        'get',
        'cluster',
        '-n',
        cluster.metadata.namespace!,
        cluster.metadata.name,
        '-o',
        'jsonpath={.metadata.uid}',
      );
      expect(result.stdout).toBe(cluster.metadata.uid);
      const forbidden = await run(
        'get',
        'machines',
        '-A',
        '--token',
        sim.get('mc-k').restrictedToken,
      );
      expect(forbidden.code).not.toBe(0);
      expect(forbidden.stderr).toContain('forbidden');
    });

    it('follows machines with -w', async () => {
      const mc = sim.get('mc-k');
      const child = spawn(
        'kubectl',
        ['--kubeconfig', mc.kubeconfigPath!, 'get', 'machines', '-A', '-w'],
        { env },
      );
      let stdout = '';
      child.stdout.on('data', c => (stdout += c));
      try {
        const existing = mc.store.list('machines.cluster.x-k8s.io')[0].metadata
          .name;
        await waitFor(() => stdout.includes(existing), {
          timeoutMs: 20_000,
          message: 'initial list not shown',
        });
        mc.store.create('machines.cluster.x-k8s.io', {
          metadata: {
            name: 'watched-machine',
            namespace: 'team-data',
            labels: { 'cluster.x-k8s.io/cluster-name': 'x' },
          },
          spec: { clusterName: 'x', version: 'v1.34.1' },
        });
        await waitFor(() => stdout.includes('watched-machine'), {
          timeoutMs: 20_000,
          message: `new machine not shown:\n${stdout}`,
        });
        expect(stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+CLUSTER/);
      } finally {
        child.kill();
      }
    });
  },
);
