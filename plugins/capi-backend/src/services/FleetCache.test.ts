import { mockServices } from '@backstage/backend-test-utils';
import { startSimulator, Simulator } from '@capstan/capi-simulator';
import { eventually, RESOURCES, wholeCluster } from '../__testUtils__/fixtures';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { createFleetCache, FleetCache } from './FleetCache';

// Real HTTPS servers on a shared 2-core machine: allow for load.
jest.setTimeout(30_000);

describe('createFleetCache against the simulator', () => {
  let sim: Simulator;
  let cache: FleetCache;
  let apiCalls = 0;

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: [
        'mc-a',
        { name: 'mc-old', servedVersions: ['v1beta1'] },
        'mc-slow',
      ],
      reconcile: false,
      patchSimulation: false,
      bookmarkIntervalMs: 100,
    });
    for (const mc of sim.managementClusters) {
      for (const [resource, object] of wholeCluster(`${mc.name}-c1`, {
        labels: { env: 'prod' },
      })) {
        mc.store.create(resource, object);
      }
    }
    // Every request to this one takes 10 s.
    sim.get('mc-slow').faults.set({ latencyMs: 10_000 });
    cache = createFleetCache({
      managementClusters: sim.managementClusters.map(mc => ({
        name: mc.name,
        title: mc.name.toUpperCase(),
        url: mc.url,
        caData: mc.caData,
        auth: { type: 'serviceAccountToken', token: mc.readOnlyToken },
        skipTLSVerify: false,
      })),
      logger: mockServices.logger.mock(),
      // Counts every request that reaches an API server.
      transportFactory: async spec => {
        const client = await KubernetesClient.create(spec);
        return {
          getJson: (path, opts) => {
            apiCalls++;
            return client.getJson(path, opts);
          },
          watch: (path, onEvent, opts) => {
            apiCalls++;
            return client.watch(path, onEvent, opts);
          },
          close: () => client.close(),
        };
      },
      timings: {
        initialBackoffMs: 20,
        maxBackoffMs: 200,
        restartIntervalMs: 60_000,
      },
    });
    cache.start();
  });

  afterAll(async () => {
    await cache?.stop();
    await sim?.stop();
  });

  it('syncs a v1beta2 and a v1beta1-only management cluster, not held up by a slow one', async () => {
    const started = Date.now();
    await eventually(() => {
      expect(
        cache.reader.health().map(h => [h.name, h.state, h.apiVersion]),
      ).toEqual([
        ['mc-a', 'synced', 'v1beta2'],
        ['mc-old', 'synced', 'v1beta1'],
        ['mc-slow', 'connecting', undefined],
      ]);
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(cache.index.has('mc-slow/default/mc-slow-c1')).toBe(false);
    for (const mc of ['mc-a', 'mc-old']) {
      const summary = cache.reader.cluster(`${mc}/default/${mc}-c1`)!;
      expect(summary).toMatchObject({
        managementCluster: mc,
        managementClusterTitle: mc.toUpperCase(),
        phase: 'Provisioned',
        status: 'Available',
        desiredVersion: 'v1.33.4',
        actualVersion: 'v1.33.4',
        clusterClass: 'vsphere-class',
        provider: 'vsphere',
        controlPlane: { replicas: 1, readyReplicas: 1, initialized: true },
      });
      expect(summary.nodePools).toEqual([
        expect.objectContaining({
          name: 'md-0',
          replicas: 2,
          readyReplicas: 2,
          upToDateReplicas: 2,
        }),
      ]);
      expect(summary.machines.map(m => [m.pool, m.name])).toEqual([
        ['control-plane', `${mc}-c1-cp-1`],
        ['md-0', `${mc}-c1-md-0-0`],
        ['md-0', `${mc}-c1-md-0-1`],
      ]);
    }
  });

  it('shows a status change within 2 seconds', async () => {
    const mc = sim.get('mc-a');
    await eventually(() =>
      expect(cache.index.has('mc-a/default/mc-a-c1')).toBe(true),
    );
    const started = Date.now();
    mc.store.mergePatch(
      RESOURCES.machineDeployments,
      'default',
      'mc-a-c1-md-0-abc12',
      {
        status: { readyReplicas: 1, availableReplicas: 1 },
      },
    );
    await eventually(() => {
      expect(
        cache.reader.cluster('mc-a/default/mc-a-c1')!.nodePools[0]
          .readyReplicas,
      ).toBe(1);
    }, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('serves reads from the cache alone: zero API server calls per request', async () => {
    await eventually(() =>
      expect(cache.index.has('mc-old/default/mc-old-c1')).toBe(true),
    );
    const before = apiCalls;
    for (let i = 0; i < 50; i++) {
      cache.reader.cluster('mc-a/default/mc-a-c1');
      cache.reader.fleet({ limit: 10 });
      cache.reader.health();
      cache.reader.clusters(cache.index.idsForEntity('group:default/nobody'));
    }
    expect(apiCalls).toBe(before);
  });
});
