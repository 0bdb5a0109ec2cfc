import type { KubeClient, KubeObject } from '../KubeClient';
import { RealCapiStack } from '../RealCapiStack';
import { startCapiBackend } from './__testUtils__/capiBackend';
import fs from 'node:fs';
import { kubectlGet } from './__testUtils__/waiting';

const NS = 'watched';

function cluster(name: string): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { name, namespace: NS },
    // v1beta2 refuses an empty spec (minProperties: 1)
    spec: { clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] } } },
  };
}

function machine(name: string, clusterName: string): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: {
      name,
      namespace: NS,
      labels: { 'cluster.x-k8s.io/cluster-name': clusterName },
    },
    spec: {
      clusterName,
      bootstrap: { dataSecretName: `${name}-bootstrap` },
      infrastructureRef: {
        apiGroup: 'infrastructure.cluster.x-k8s.io',
        kind: 'DevMachine',
        name,
      },
    },
  };
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}: ${String(last ?? '')}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

describe('capi-backend watching the real API server', () => {
  let stack: RealCapiStack;
  let client: KubeClient;
  let backend: Awaited<ReturnType<typeof startCapiBackend>>;

  beforeAll(async () => {
    stack = await RealCapiStack.start();
    client = stack.client();
    await client.ensureNamespace(NS);
    for (const obj of [
      cluster('alpha'),
      cluster('beta'),
      machine('alpha-cp-0', 'alpha'),
      machine('beta-cp-0', 'beta'),
      machine('beta-md-0', 'beta'),
    ]) {
      await client.apply(obj, { dryRun: false });
    }
    backend = await startCapiBackend({
      name: 'real',
      url: stack.info.server,
      ca: fs.readFileSync(stack.info.caFile, 'utf8'),
      token: fs.readFileSync(stack.info.tokenFile, 'utf8').trim(),
    });
  }, 300_000);

  afterAll(async () => {
    await backend?.stop();
    await stack?.stop();
  }, 120_000);

  it('syncs from the initial list: the counts the API server holds, v1beta2', async () => {
    const mc = await eventually('the first sync', async () => {
      const health = await backend.managementCluster();
      if (health.state === 'synced' && health.machineCount === 3) return health;
      throw new Error(JSON.stringify(health));
    });
    expect(mc).toMatchObject({
      name: 'real',
      apiVersion: 'v1beta2',
      clusterCount: 2,
      machineCount: 3,
      stale: false,
    });
    expect(mc.lastSyncAt).toBeDefined();
  }, 120_000);

  it('sees a change made while the watch runs', async () => {
    await client.apply(machine('alpha-md-0', 'alpha'), { dryRun: false });
    const mc = await eventually('the new machine', async () => {
      const health = await backend.managementCluster();
      return health.machineCount === 4 ? health : undefined;
    });
    expect(mc).toMatchObject({ state: 'synced', clusterCount: 2 });
  }, 120_000);

  it('reconnects after the API server restarts and sees what changed meanwhile', async () => {
    await stack.restartApiServer();
    await client.apply(cluster('gamma'), { dryRun: false });
    await client.delete(machine('beta-md-0', 'beta'));
    const mc = await eventually(
      'the state after the restart',
      async () => {
        const health = await backend.managementCluster();
        // The counts can come back (the Machine watch resynced) a moment before
        // every watch has, while the health still says degraded: wait for both.
        return health.clusterCount === 3 &&
          health.machineCount === 3 &&
          health.state === 'synced'
          ? health
          : undefined;
      },
      180_000,
    );
    expect(mc).toMatchObject({ state: 'synced', stale: false });
  }, 240_000);

  it('holds what `kubectl get -o json` shows: clusters (uid, creation time), their machines, the counts', async () => {
    const [clusters, machines] = await Promise.all([
      kubectlGet(stack, 'clusters.cluster.x-k8s.io'),
      kubectlGet(stack, 'machines.cluster.x-k8s.io'),
    ]);
    const mc = await backend.managementCluster();
    expect(mc.clusterCount).toBe(clusters.length);
    expect(mc.machineCount).toBe(machines.length);
    for (const c of clusters) {
      const summary = await backend.cluster({
        managementCluster: 'real',
        namespace: c.metadata.namespace,
        name: c.metadata.name,
      });
      expect(summary).toMatchObject({
        name: c.metadata.name,
        namespace: c.metadata.namespace,
        uid: c.metadata.uid,
        createdAt: c.metadata.creationTimestamp,
        apiVersion: 'v1beta2',
      });
      const own = machines
        .filter(
          m =>
            m.metadata.labels?.['cluster.x-k8s.io/cluster-name'] ===
            c.metadata.name,
        )
        .map(m => m.metadata.name)
        .sort();
      expect(summary!.machines.map(m => m.name).sort()).toEqual(own);
    }
  }, 120_000);
});
