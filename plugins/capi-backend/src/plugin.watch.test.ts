import {
  type ClusterSummary,
  type EntityClustersResponse,
  type FleetResponse,
  type ManagementClustersResponse,
} from '@capstan/plugin-capi-common';
import { cluster, eventually, RESOURCES } from './__testUtils__/fixtures';
import { DEV, usePluginTestBackend } from './__testUtils__/pluginTestBackend';

// Live changes and signals, garbage objects, dropped watches and 410s, and a management cluster going down.
describe('capi backend plugin: following the management clusters', () => {
  const backend = usePluginTestBackend();
  const { get, signals, events } = backend;

  it('shows a status change within 2 s and signals a refresh notice per entity and on the fleet channel', async () => {
    signals.length = 0;
    events.length = 0;
    const started = Date.now();
    backend.sim
      .get('mc-a')
      .store.mergePatch(RESOURCES.clusters, 'default', 'scaffolded', {
        status: {
          conditions: [
            {
              type: 'Available',
              status: 'False',
              reason: 'NotAvailable',
              lastTransitionTime: new Date().toISOString(),
            },
            {
              // Not a roll-up that lags a healthy control plane (that reads
              // Scaling while CAPI catches up): the workload cluster is unreachable.
              type: 'RemoteConnectionProbe',
              status: 'False',
              reason: 'ProbeFailed',
              message: 'cannot reach the workload cluster API server',
              lastTransitionTime: new Date().toISOString(),
            },
          ],
        },
      });
    await eventually(async () => {
      const c = (await get('/clusters/mc-a/default/scaffolded'))
        .body as ClusterSummary;
      expect(c.status).toBe('Degraded');
      expect(c.headline).toMatchObject({
        type: 'RemoteConnectionProbe',
        reason: 'ProbeFailed',
      });
    }, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    await eventually(() => {
      const channels = signals.map(s => s.channel);
      expect(channels).toEqual(
        expect.arrayContaining([
          'capi:fleet',
          'capi:entity:component:default/checkout',
          'capi:entity:group:default/team-payments',
        ]),
      );
    });
    // Notices name no cluster: any signed-in user may subscribe to a channel.
    expect(signals.map(s => s.message)).toEqual(
      signals.map(() => ({ type: 'refresh' })),
    );
    // Linked from the entity side (label selector), signalled once the entity was viewed.
    signals.length = 0;
    await get('/clusters?entityRef=component:default/checkout', DEV);
    backend.sim
      .get('mc-a')
      .store.mergePatch(RESOURCES.clusters, 'default', 'selected', {
        metadata: { labels: { touched: 'yes' } },
      });
    await eventually(() =>
      expect(signals).toContainEqual({
        channel: 'capi:entity:component:default/checkout',
        message: { type: 'refresh' },
      }),
    );
    expect(events.slice(0, 1)).toEqual([
      {
        topic: 'capstan.capi.clusters',
        eventPayload: { changed: ['mc-a/default/scaffolded'], removed: [] },
      },
    ]);
  });

  it('survives garbage objects without crashing or corrupting other data', async () => {
    const a = backend.sim.get('mc-a');
    a.store.create(RESOURCES.clusters, {
      metadata: {
        name: 'garbage',
        namespace: 'default',
        labels: { ok: 'yes' },
      },
      spec: { topology: 'not-an-object', controlPlaneRef: 42 },
      status: { phase: 7, conditions: 'broken', initialization: [] },
    } as never);
    a.store.create(RESOURCES.machines, {
      metadata: { name: 'garbage-m', namespace: 'default' },
      spec: { clusterName: 'garbage', version: { nope: true } },
      status: {
        nodeInfo: 'x',
        addresses: 'y',
        certificatesExpiryDate: 'not a date',
      },
    } as never);
    await eventually(async () => {
      const res = await get('/clusters/mc-a/default/garbage');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        phase: 'Unknown',
        conditions: [],
        machines: [{ name: 'garbage-m', phase: 'Unknown' }],
      });
    });
    expect((await get('/clusters/mc-a/default/listed')).body.status).toBe(
      'Available',
    );
    a.store.delete(RESOURCES.machines, 'default', 'garbage-m');
    a.store.delete(RESOURCES.clusters, 'default', 'garbage');
    await eventually(async () =>
      expect((await get('/clusters/mc-a/default/garbage')).status).toBe(404),
    );
  });

  it('recovers from dropped watches and forced 410 with correct data', async () => {
    const b = backend.sim.get('mc-b');
    b.faults.expireResourceVersions();
    b.faults.dropWatches();
    b.store.create(RESOURCES.clusters, cluster('after-gone'));
    b.store.delete(RESOURCES.clusters, 'default', 'related');
    await eventually(async () => {
      const ids = (
        (await get('/fleet?managementCluster=mc-b')).body as FleetResponse
      ).items.map(c => c.id);
      expect(ids).toEqual(['mc-b/default/after-gone']);
    });
    b.store.create(RESOURCES.clusters, cluster('related'));
    b.store.delete(RESOURCES.clusters, 'default', 'after-gone');
    await eventually(async () => {
      const ids = (
        (await get('/fleet?managementCluster=mc-b')).body as FleetResponse
      ).items.map(c => c.id);
      expect(ids).toEqual(['mc-b/default/related']);
    });
  });

  it('flags a down management cluster stale after capi.staleAfter, keeps the others fresh, and recovers', async () => {
    const old = backend.sim.get('mc-old');
    signals.length = 0;
    await old.faults.down();
    await eventually(async () => {
      const health = (
        (await get('/management-clusters')).body as ManagementClustersResponse
      ).items;
      expect(health.find(h => h.name === 'mc-old')).toMatchObject({
        state: 'down',
        stale: true,
      });
      expect(health.find(h => h.name === 'mc-old')!.lastError).toBeTruthy();
      expect(
        health.filter(h => h.name !== 'mc-old').map(h => [h.state, h.stale]),
      ).toEqual([
        ['synced', false],
        ['synced', false],
      ]);
    }, 5000);
    expect(signals).toContainEqual({
      channel: 'capi:fleet',
      message: { type: 'refresh' },
    });
    const legacy = (await get('/clusters/mc-old/default/legacy'))
      .body as ClusterSummary;
    expect(legacy).toMatchObject({ stale: true, status: 'Available' });
    expect(legacy.staleReason).toContain('mc-old');
    const entity = (await get('/clusters?entityRef=component:default/checkout'))
      .body as EntityClustersResponse;
    expect(entity.staleManagementClusters).toEqual(['mc-old']);
    expect(entity.items.find(c => c.id === 'mc-a/default/listed')!.stale).toBe(
      false,
    );

    old.store.mergePatch(RESOURCES.clusters, 'default', 'legacy', {
      metadata: { labels: { changed: 'while-down' } },
    });
    await old.faults.up();
    await eventually(async () => {
      const c = (await get('/clusters/mc-old/default/legacy'))
        .body as ClusterSummary;
      expect(c.stale).toBe(false);
      expect(c.labels.changed).toBe('while-down');
    }, 5000);
  });
});
