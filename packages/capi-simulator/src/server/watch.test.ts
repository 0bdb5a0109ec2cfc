import {
  clientNode as client,
  kubeConfigFor,
} from '../__testUtils__/clientNode';
import { startSimulator } from '../simulator';
import { kubeRequest, openWatch, waitFor } from '../__testUtils__/kubeRequest';
import { KubeObject, Simulator } from '../types';

// Real HTTPS, git and child processes: leave room for a loaded CI machine.
jest.setTimeout(30_000);

const MACHINES = 'machines.cluster.x-k8s.io';

function machine(
  name: string,
  namespace = 'default',
  labels: Record<string, string> = {},
): KubeObject {
  return {
    metadata: { name, namespace, labels },
    spec: { clusterName: 'c1', version: 'v1.33.2' },
  };
}

describe('watch, resourceVersion and pagination', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['mc-w', 'mc-p'],
      reconcile: false,
      patchSimulation: false,
      bookmarkIntervalMs: 50,
      watchHistorySize: 100,
    });
  });

  afterAll(() => sim.stop());

  it('streams ADDED, MODIFIED, DELETED and BOOKMARK events from a resourceVersion', async () => {
    const mc = sim.get('mc-w');
    mc.store.create(MACHINES, machine('before'));
    const list = await kubeRequest(
      mc,
      'GET',
      '/apis/cluster.x-k8s.io/v1beta2/machines',
    );
    const rv = list.json.metadata.resourceVersion;
    const watch = openWatch(
      mc,
      `/apis/cluster.x-k8s.io/v1beta2/machines?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`,
    );
    await watch.started;
    mc.store.create(MACHINES, machine('m1'));
    mc.store.mergePatch(MACHINES, 'default', 'm1', {
      status: { phase: 'Running' },
    });
    mc.store.delete(MACHINES, 'default', 'm1');
    await waitFor(() => {
      const deleted = watch.events.findIndex(e => e.type === 'DELETED');
      return (
        deleted >= 0 &&
        deleted < watch.events.map(e => e.type).lastIndexOf('BOOKMARK')
      );
    });
    const typed = watch.events
      .filter(e => e.type !== 'BOOKMARK')
      .map(e => `${e.type} ${e.object.metadata.name}`);
    // "before" happened before the list's resourceVersion, so it is not replayed.
    expect(typed).toEqual(['ADDED m1', 'MODIFIED m1', 'DELETED m1']);
    const modified = watch.events.find(e => e.type === 'MODIFIED')!;
    expect(modified.object.status.phase).toBe('Running');
    const bookmark =
      watch.events[watch.events.map(e => e.type).lastIndexOf('BOOKMARK')];
    expect(
      Number(bookmark.object.metadata.resourceVersion),
    ).toBeGreaterThanOrEqual(Number(modified.object.metadata.resourceVersion));
    watch.close();
  });

  it('sends initial events, ended by a bookmark, and converts events for v1beta1 clients', async () => {
    const mc = sim.get('mc-w');
    mc.store.create(MACHINES, {
      metadata: { name: 'initial-1', namespace: 'initial' },
      spec: { clusterName: 'c1', version: 'v1.33.2' },
      status: {
        phase: 'Running',
        nodeRef: { name: 'initial-1' },
        upToDateReplicas: 1,
      },
    });
    const watch = openWatch(
      mc,
      '/apis/cluster.x-k8s.io/v1beta1/namespaces/initial/machines?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
    );
    await watch.started;
    await waitFor(() => watch.events.some(e => e.type === 'BOOKMARK'));
    expect(watch.events[0]).toMatchObject({
      type: 'ADDED',
      object: {
        apiVersion: 'cluster.x-k8s.io/v1beta1',
        metadata: { name: 'initial-1' },
        status: { nodeRef: { kind: 'Node', name: 'initial-1' } },
      },
    });
    const bookmark = watch.events.find(e => e.type === 'BOOKMARK')!;
    expect(bookmark.object.metadata.annotations).toEqual({
      'k8s.io/initial-events-end': 'true',
    });
    mc.store.mergePatch(MACHINES, 'initial', 'initial-1', {
      status: { phase: 'Deleting' },
    });
    await waitFor(() => watch.events.some(e => e.type === 'MODIFIED'));
    expect(
      watch.events.find(e => e.type === 'MODIFIED')!.object.apiVersion,
    ).toBe('cluster.x-k8s.io/v1beta1');
    watch.close();
  });

  it('ends a watch after timeoutSeconds', async () => {
    const mc = sim.get('mc-w');
    const started = Date.now();
    const watch = openWatch(
      mc,
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/none/machines?watch=true&timeoutSeconds=1',
    );
    await watch.started;
    await waitFor(() => watch.ended);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('answers a watch from a too-old resourceVersion with 410 Gone', async () => {
    const mc = sim.get('mc-w');
    mc.store.create(MACHINES, machine('expiry-1', 'expiry'));
    const old = (
      await kubeRequest(mc, 'GET', '/apis/cluster.x-k8s.io/v1beta2/machines')
    ).json.metadata.resourceVersion;
    mc.faults.expireResourceVersions();
    const watch = openWatch(
      mc,
      `/apis/cluster.x-k8s.io/v1beta2/machines?watch=true&resourceVersion=${old}`,
    );
    await watch.started;
    await waitFor(() => watch.ended);
    expect(watch.events).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({
          kind: 'Status',
          code: 410,
          reason: 'Expired',
        }),
      },
    ]);
    // A fresh list hands out a resourceVersion that can be watched again.
    const fresh = (
      await kubeRequest(mc, 'GET', '/apis/cluster.x-k8s.io/v1beta2/machines')
    ).json.metadata.resourceVersion;
    const again = openWatch(
      mc,
      `/apis/cluster.x-k8s.io/v1beta2/machines?watch=true&resourceVersion=${fresh}`,
    );
    await again.started;
    mc.store.create(MACHINES, machine('after-expiry'));
    await waitFor(() => again.events.length > 0);
    expect(again.events[0]).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'after-expiry' } },
    });
    again.close();
  });

  it('compacts history: a resourceVersion older than the kept events gets 410', async () => {
    const mc = sim.get('mc-w');
    mc.store.create(MACHINES, machine('compaction-1', 'churn'));
    const start = (
      await kubeRequest(mc, 'GET', '/apis/cluster.x-k8s.io/v1beta2/machines')
    ).json.metadata.resourceVersion;
    for (let i = 0; i < 150; i++)
      mc.store.create(MACHINES, machine(`churn-${i}`, 'churn'));
    const watch = openWatch(
      mc,
      `/apis/cluster.x-k8s.io/v1beta2/machines?watch=true&resourceVersion=${start}`,
    );
    await watch.started;
    await waitFor(() => watch.ended);
    expect(watch.events[0].object.code).toBe(410);
  });

  it('delivers label-selector transitions as ADDED and DELETED', async () => {
    const mc = sim.get('mc-w');
    mc.store.create(MACHINES, machine('sel', 'sel', { pool: 'a' }));
    const watch = openWatch(
      mc,
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/sel/machines?watch=true&labelSelector=pool%3Db',
    );
    await watch.started;
    mc.store.mergePatch(MACHINES, 'sel', 'sel', {
      metadata: { labels: { pool: 'b' } },
    });
    mc.store.mergePatch(MACHINES, 'sel', 'sel', {
      metadata: { labels: { pool: 'c' } },
    });
    await waitFor(() => watch.events.length >= 2);
    expect(watch.events.map(e => e.type)).toEqual(['ADDED', 'DELETED']);
    watch.close();
  });

  it('pages through 5,000 objects with limit and continue', async () => {
    const mc = sim.get('mc-p');
    for (let i = 0; i < 5000; i++) {
      mc.store.create(
        MACHINES,
        machine(`m-${String(i).padStart(4, '0')}`, `ns-${i % 7}`),
      );
    }
    const names: string[] = [];
    let next: string | undefined;
    let pages = 0;
    let remaining: number | undefined;
    do {
      const page = await kubeRequest(
        mc,
        'GET',
        `/apis/cluster.x-k8s.io/v1beta2/machines?limit=500${
          next ? `&continue=${encodeURIComponent(next)}` : ''
        }`,
      );
      expect(page.status).toBe(200);
      names.push(...page.json.items.map((i: any) => i.metadata.name));
      if (pages === 0) remaining = page.json.metadata.remainingItemCount;
      next = page.json.metadata.continue;
      pages++;
    } while (next);
    expect(pages).toBe(10);
    expect(remaining).toBe(4500);
    expect(names).toHaveLength(5000);
    expect(new Set(names).size).toBe(5000);

    // A continue token from before an expiry is refused with 410, as after etcd compaction.
    const first = await kubeRequest(
      mc,
      'GET',
      '/apis/cluster.x-k8s.io/v1beta2/machines?limit=10',
    );
    mc.faults.expireResourceVersions();
    const expired = await kubeRequest(
      mc,
      'GET',
      `/apis/cluster.x-k8s.io/v1beta2/machines?limit=10&continue=${encodeURIComponent(
        first.json.metadata.continue,
      )}`,
    );
    expect(expired.status).toBe(410);
  });

  it('keeps a @kubernetes/client-node informer in sync, including across a forced 410 and dropped watches', async () => {
    const mc = sim.get('mc-w');
    const config = kubeConfigFor(mc);
    const api = config.makeApiClient(client.CustomObjectsApi);
    const path = '/apis/cluster.x-k8s.io/v1beta2/namespaces/inf/machines';
    const informer = client.makeInformer(
      config,
      path,
      () =>
        api.listNamespacedCustomObject({
          group: 'cluster.x-k8s.io',
          version: 'v1beta2',
          namespace: 'inf',
          plural: 'machines',
        }) as any,
    );
    const errors: unknown[] = [];
    informer.on('error', error => errors.push(error));
    mc.store.create(MACHINES, machine('i-1', 'inf'));
    await informer.start();
    const names = () =>
      informer
        .list('inf')
        .map(o => o.metadata!.name)
        .sort();
    expect(names()).toEqual(['i-1']);

    mc.store.create(MACHINES, machine('i-2', 'inf'));
    await waitFor(() => names().length === 2);

    // Expire every resourceVersion and cut the watch: the informer must relist.
    mc.faults.expireResourceVersions();
    mc.store.create(MACHINES, machine('i-3', 'inf'));
    mc.store.delete(MACHINES, 'inf', 'i-1');
    await waitFor(() => names().join() === 'i-2,i-3', {
      message: `informer has ${names()}`,
    });

    mc.faults.dropWatches();
    mc.store.mergePatch(MACHINES, 'inf', 'i-2', {
      status: { phase: 'Running' },
    });
    await waitFor(
      () => (informer.get('i-2', 'inf') as any)?.status?.phase === 'Running',
    );
    // Stopping aborts the watch request, which client-node reports as an error itself.
    expect(errors).toEqual([]);
    await informer.stop();
  });
});
