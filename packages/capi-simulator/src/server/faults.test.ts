import { startSimulator } from '../simulator';
import { kubeRequest, openWatch, waitFor } from '../__testUtils__/kubeRequest';
import { Simulator } from '../types';

// Real HTTPS, git and child processes: leave room for a loaded CI machine.
jest.setTimeout(30_000);

describe('fault injection', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['mc-f', 'mc-g'],
      reconcile: false,
      patchSimulation: false,
      faults: { latencyMs: 0 },
    });
  });

  afterAll(() => sim.stop());

  it('adds latency to API requests', async () => {
    const mc = sim.get('mc-f');
    mc.faults.set({ latencyMs: 150 });
    const started = Date.now();
    expect((await kubeRequest(mc, 'GET', '/api')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    mc.faults.set({ latencyMs: 0 });
  });

  it('answers a share of requests with 500, and only on the faulty management cluster', async () => {
    const mc = sim.get('mc-f');
    mc.faults.set({ errorRate: 1 });
    const failed = await kubeRequest(
      mc,
      'GET',
      '/apis/cluster.x-k8s.io/v1beta2/clusters',
    );
    expect(failed.status).toBe(500);
    expect(failed.json.reason).toBe('InternalError');
    expect(
      (
        await kubeRequest(
          sim.get('mc-g'),
          'GET',
          '/apis/cluster.x-k8s.io/v1beta2/clusters',
        )
      ).status,
    ).toBe(200);

    mc.faults.set({ errorRate: 0.5 });
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () =>
        kubeRequest(mc, 'GET', '/version').then(r => r.status),
      ),
    );
    const errors = statuses.filter(s => s === 500).length;
    expect(errors).toBeGreaterThan(10);
    expect(errors).toBeLessThan(50);
    mc.faults.set({ errorRate: 0 });
  });

  it('sets faults through the control endpoint and validates them', async () => {
    const mc = sim.get('mc-f');
    const set = await kubeRequest(mc, 'POST', '/_simulator/faults', {
      body: { errorRate: 1 },
    });
    expect(set.json.faults).toEqual({ latencyMs: 0, errorRate: 1 });
    expect((await kubeRequest(mc, 'GET', '/version')).status).toBe(500);
    // The control endpoint itself stays reachable while faulty.
    const status = await kubeRequest(mc, 'GET', '/_simulator/status');
    expect(status.json).toMatchObject({
      name: 'mc-f',
      faults: { errorRate: 1 },
    });
    await kubeRequest(mc, 'POST', '/_simulator/faults', {
      body: { errorRate: 0 },
    });
    expect(
      (
        await kubeRequest(mc, 'POST', '/_simulator/faults', {
          body: { errorRate: 3 },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await kubeRequest(mc, 'POST', '/_simulator/faults', {
          body: { latencyMs: 'slow' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await kubeRequest(mc, 'POST', '/_simulator/nope', { body: {} })).status,
    ).toBe(404);
    expect(
      (
        await kubeRequest(mc, 'GET', '/_simulator/status', {
          token: mc.readOnlyToken,
        })
      ).status,
    ).toBe(403);
  });

  it('drops open watches and forces 410s through the control endpoint', async () => {
    const mc = sim.get('mc-f');
    mc.store.create('machines.cluster.x-k8s.io', {
      metadata: { name: 'm', namespace: 'default' },
      spec: {},
    });
    const rv = (
      await kubeRequest(mc, 'GET', '/apis/cluster.x-k8s.io/v1beta2/machines')
    ).json.metadata.resourceVersion;
    const watch = openWatch(
      mc,
      `/apis/cluster.x-k8s.io/v1beta2/machines?watch=true&resourceVersion=${rv}`,
    );
    await watch.started;
    await kubeRequest(mc, 'POST', '/_simulator/faults/drop-watches', {
      body: {},
    });
    await waitFor(() => watch.ended, { message: 'watch was not dropped' });

    await kubeRequest(
      mc,
      'POST',
      '/_simulator/faults/expire-resource-versions',
      { body: {} },
    );
    const expired = await kubeRequest(
      mc,
      'GET',
      `/apis/cluster.x-k8s.io/v1beta2/machines?watch=true&resourceVersion=${rv}`,
    );
    expect(JSON.parse(expired.text.trim()).object.code).toBe(410);
  });

  it('goes down (connections refused) and comes back on the same port with the same data', async () => {
    const mc = sim.get('mc-g');
    mc.store.create('clusters.cluster.x-k8s.io', {
      metadata: { name: 'survivor', namespace: 'default' },
      spec: {},
    });
    const url = mc.url;
    await mc.faults.down();
    await expect(kubeRequest(mc, 'GET', '/version')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    // The other management cluster is unaffected.
    expect((await kubeRequest(sim.get('mc-f'), 'GET', '/version')).status).toBe(
      200,
    );
    await mc.faults.up();
    expect(mc.url).toBe(url);
    const back = await kubeRequest(
      mc,
      'GET',
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/default/clusters/survivor',
    );
    expect(back.status).toBe(200);
  });

  it('goes down for a while through the control endpoint', async () => {
    const mc = sim.get('mc-g');
    expect(
      (await kubeRequest(mc, 'POST', '/_simulator/faults/down', { body: {} }))
        .status,
    ).toBe(400);
    const down = await kubeRequest(mc, 'POST', '/_simulator/faults/down', {
      body: { durationMs: 300 },
    });
    expect(down.status).toBe(200);
    await waitFor(async () => {
      try {
        await kubeRequest(mc, 'GET', '/version');
        return false;
      } catch (error) {
        return (error as { code?: string }).code === 'ECONNREFUSED';
      }
    });
    await waitFor(
      async () => (await kubeRequest(mc, 'GET', '/version')).status === 200,
      { message: 'did not come back' },
    );
  });
});
