import { KubernetesApiError, KubernetesTransport } from './KubernetesClient';
import { ResourceWatcher } from './ResourceWatcher';

describe('ResourceWatcher backoff', () => {
  it('backs off exponentially with jitter, capped, and resets after success', async () => {
    let calls = 0;
    const delays: number[] = [];
    let resolveDone: () => void;
    const done = new Promise<void>(r => (resolveDone = r));
    const transport: KubernetesTransport = {
      async getJson() {
        calls++;
        if (calls <= 6)
          throw new KubernetesApiError('HTTP 403: forbidden', 403);
        resolveDone();
        return { items: [], metadata: { resourceVersion: '1' } };
      },
      watch: (_path, _onEvent, { signal }) =>
        new Promise(resolve =>
          signal.addEventListener('abort', () => resolve()),
        ),
      close() {},
    };
    const watcher = ResourceWatcher.create({
      transport,
      path: '/apis/x/v1/things',
      random: () => 1,
      timings: { initialBackoffMs: 1, maxBackoffMs: 16 },
      handlers: {
        onReplace() {},
        onUpsert() {},
        onDelete() {},
        onError: (_e, ms) => delays.push(ms),
      },
    });
    watcher.start();
    await done;
    while (!watcher.synced) await new Promise(r => setTimeout(r, 1));
    expect(delays).toEqual([1, 2, 4, 8, 16, 16]);
    expect(watcher.failures).toBe(0);
    expect(watcher.synced).toBe(true);
    await watcher.stop();
  });

  it('keeps jitter within half to full delay', async () => {
    const delays: number[] = [];
    let n = 0;
    const transport: KubernetesTransport = {
      async getJson() {
        n++;
        throw new Error('connect ECONNRESET');
      },
      watch: async () => {},
      close() {},
    };
    const watcher = ResourceWatcher.create({
      transport,
      path: '/p',
      random: () => 0,
      timings: { initialBackoffMs: 8, maxBackoffMs: 8 },
      handlers: {
        onReplace() {},
        onUpsert() {},
        onDelete() {},
        onError: (_e, ms) => delays.push(ms),
      },
    });
    watcher.start();
    while (n < 3) await new Promise(r => setTimeout(r, 5));
    await watcher.stop();
    expect(delays.slice(0, 2)).toEqual([4, 4]);
  });

  it('keeps defaults for unset or invalid timings', () => {
    const watcher = ResourceWatcher.create({
      transport: {
        getJson: async () => ({}),
        watch: async () => {},
        close() {},
      },
      path: '/p',
      timings: {
        restartIntervalMs: undefined,
        pageSize: Number.NaN,
        maxBackoffMs: 1000,
      },
      handlers: { onReplace() {}, onUpsert() {}, onDelete() {} },
    });
    expect(watcher.timings).toEqual({
      pageSize: 500,
      restartIntervalMs: 300_000,
      initialBackoffMs: 500,
      maxBackoffMs: 1000,
    });
  });

  it('never spins: a 410 on the list itself and watches that end at once back off', async () => {
    const delays: number[] = [];
    let lists = 0;
    let watches = 0;
    const transport: KubernetesTransport = {
      async getJson() {
        lists++;
        if (lists <= 2)
          throw new KubernetesApiError('HTTP 410: continue token expired', 410);
        return { items: [], metadata: { resourceVersion: '7' } };
      },
      async watch(_path, _onEvent, { onConnected }) {
        watches++;
        onConnected?.(); // connects, then ends at once without events
      },
      close() {},
    };
    const watcher = ResourceWatcher.create({
      transport,
      path: '/p',
      random: () => 1,
      timings: { initialBackoffMs: 2, maxBackoffMs: 8 },
      handlers: {
        onReplace() {},
        onUpsert() {},
        onDelete() {},
        onError: (_error, ms) => delays.push(ms),
      },
    });
    watcher.start();
    while (delays.length < 6) await new Promise(r => setTimeout(r, 2));
    await watcher.stop();
    expect(delays.slice(0, 6)).toEqual([2, 4, 2, 4, 8, 8]);
    expect(lists).toBe(3);
    expect(watches).toBeGreaterThanOrEqual(2);
  });
});
