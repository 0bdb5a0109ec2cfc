import {
  startSimulator,
  Simulator,
  SimulatedManagementCluster,
} from '@capstan/capi-simulator';
import { eventually, machine, RESOURCES } from '../__testUtils__/fixtures';
import { KubernetesClient } from './KubernetesClient';
import { ResourceWatcher, ResourceWatcherTimings } from './ResourceWatcher';

// Real HTTPS servers on a shared 2-core machine: allow for load.
jest.setTimeout(30_000);

const PATH = '/apis/cluster.x-k8s.io/v1beta2/machines';

/** A watcher over the simulator's machines, mirroring them into a Map. */
async function watchMachines(
  mc: SimulatedManagementCluster,
  timings: Partial<ResourceWatcherTimings>,
) {
  const client = await KubernetesClient.create({
    name: mc.name,
    title: mc.name,
    url: mc.url,
    caData: mc.caData,
    auth: { type: 'serviceAccountToken', token: mc.readOnlyToken },
    skipTLSVerify: false,
  });
  const names = new Set<string>();
  const errors: Error[] = [];
  let replaces = 0;
  const nameOf = (o: unknown) =>
    (o as { metadata: { name: string } }).metadata.name;
  const watcher = ResourceWatcher.create({
    transport: client,
    path: PATH,
    timings: { initialBackoffMs: 20, maxBackoffMs: 100, ...timings },
    handlers: {
      onReplace: items => {
        replaces++;
        names.clear();
        items.forEach(i => names.add(nameOf(i)));
      },
      onUpsert: item => names.add(nameOf(item)),
      onDelete: item => names.delete(nameOf(item)),
      onError: error => errors.push(error),
    },
  });
  watcher.start();
  return {
    watcher,
    names,
    errors,
    replaces: () => replaces,
    stop: async () => {
      await watcher.stop();
      client.close();
    },
  };
}

describe('ResourceWatcher against the simulator', () => {
  let sim: Simulator;
  let n = 0;
  const nextMc = () => sim.managementClusters[n++];

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['w-1', 'w-2', 'w-3', 'w-4', 'w-5', 'w-6'],
      reconcile: false,
      patchSimulation: false,
      bookmarkIntervalMs: 50,
      watchHistorySize: 50,
    });
  });

  afterAll(() => sim?.stop());

  it('pages its list with limit and continue', async () => {
    const mc = nextMc();
    for (let i = 0; i < 7; i++)
      mc.store.create(RESOURCES.machines, machine('c1', `m-${i}`));
    const w = await watchMachines(mc, { pageSize: 3 });
    await eventually(() => expect(w.names.size).toBe(7));
    expect(w.watcher.stats.lists).toBe(1);
    expect(w.watcher.stats.listPages).toBe(3);
    mc.store.create(RESOURCES.machines, machine('c1', 'm-late'));
    await eventually(() => expect(w.names.has('m-late')).toBe(true));
    await w.stop();
  });

  it('asks for bookmarks and follows them', async () => {
    const mc = nextMc();
    const w = await watchMachines(mc, {});
    await eventually(() =>
      expect(w.watcher.stats.bookmarks).toBeGreaterThanOrEqual(2),
    );
    await w.stop();
  });

  it('restarts a healthy watch periodically without relisting or losing events', async () => {
    const mc = nextMc();
    const w = await watchMachines(mc, { restartIntervalMs: 150 });
    await eventually(() =>
      expect(w.watcher.stats.periodicRestarts).toBeGreaterThanOrEqual(2),
    );
    mc.store.create(RESOURCES.machines, machine('c1', 'after-restarts'));
    await eventually(() => expect(w.names.has('after-restarts')).toBe(true));
    expect(w.watcher.stats.lists).toBe(1);
    expect(w.errors).toEqual([]);
    await w.stop();
  });

  it('recovers by itself from HTTP 500s, with backoff', async () => {
    const mc = nextMc();
    mc.faults.set({ errorRate: 1 });
    const w = await watchMachines(mc, {});
    await eventually(() => expect(w.errors.length).toBeGreaterThanOrEqual(3));
    expect(w.errors[0].message).toContain('500');
    expect(w.watcher.synced).toBe(false);
    mc.store.create(RESOURCES.machines, machine('c1', 'while-failing'));
    mc.faults.set({ errorRate: 0 });
    await eventually(() => expect(w.names.has('while-failing')).toBe(true));
    expect(w.watcher.synced).toBe(true);
    await w.stop();
  });

  it('rewatches after dropped watches and relists after 410 Gone', async () => {
    const mc = nextMc();
    const w = await watchMachines(mc, {});
    await eventually(() => expect(w.watcher.connected).toBe(true));
    mc.faults.dropWatches();
    mc.store.create(RESOURCES.machines, machine('c1', 'after-drop'));
    await eventually(() => expect(w.names.has('after-drop')).toBe(true));
    expect(w.watcher.stats.lists).toBe(1);

    await eventually(() => expect(w.watcher.connected).toBe(true));
    mc.faults.expireResourceVersions();
    mc.faults.dropWatches();
    mc.store.create(RESOURCES.machines, machine('c1', 'after-gone'));
    await eventually(() => expect(w.names.has('after-gone')).toBe(true));
    await eventually(() =>
      expect(w.watcher.stats.relistsAfterGone).toBeGreaterThanOrEqual(1),
    );
    expect(w.replaces()).toBeGreaterThanOrEqual(2);
    await w.stop();
  });

  it('survives the API server going down (connection reset, refused) and sees deletes made meanwhile', async () => {
    const mc = nextMc();
    mc.store.create(RESOURCES.machines, machine('c1', 'doomed'));
    const w = await watchMachines(mc, {});
    await eventually(() => expect(w.names.has('doomed')).toBe(true));
    await mc.faults.down();
    await eventually(() => expect(w.errors.length).toBeGreaterThanOrEqual(2));
    mc.store.delete(RESOURCES.machines, 'default', 'doomed');
    mc.store.create(RESOURCES.machines, machine('c1', 'reborn'));
    await mc.faults.up();
    await eventually(() => expect([...w.names]).toEqual(['reborn']), 5000);
    await w.stop();
  });
});
