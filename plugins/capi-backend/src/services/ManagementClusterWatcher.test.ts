import { mockServices } from '@backstage/backend-test-utils';
import {
  KubernetesApiError,
  KubernetesTransport,
} from '../kubernetes/KubernetesClient';
import { cluster, eventually } from '../__testUtils__/fixtures';
import { FleetIndex } from './FleetIndex';
import { ManagementClusterWatcher } from './ManagementClusterWatcher';

/** An API server whose served CAPI version can be switched. */
function fakeApiServer() {
  let served = 'v1beta1';
  let closeWatches: Array<() => void> = [];
  const object = (version: string) => ({
    ...cluster('c1', { labels: { served: version } }),
    apiVersion: `cluster.x-k8s.io/${version}`,
  });
  const transport: KubernetesTransport = {
    async getJson(path) {
      if (path === '/apis/cluster.x-k8s.io') {
        return { versions: [{ version: served }] };
      }
      if (path === `/apis/cluster.x-k8s.io/${served}`) {
        return { resources: [{ name: 'clusters' }] };
      }
      if (path.startsWith(`/apis/cluster.x-k8s.io/${served}/clusters?`)) {
        return { items: [object(served)], metadata: { resourceVersion: '1' } };
      }
      throw new KubernetesApiError('HTTP 404: not found', 404);
    },
    watch(path, _onEvent, { signal, onConnected }) {
      if (!path.startsWith(`/apis/cluster.x-k8s.io/${served}/`)) {
        return Promise.reject(
          new KubernetesApiError('HTTP 404: not found', 404),
        );
      }
      onConnected?.();
      return new Promise(resolve => {
        closeWatches.push(resolve);
        signal.addEventListener('abort', () => resolve());
      });
    },
    close() {},
  };
  return {
    transport,
    upgradeTo(version: string) {
      served = version;
      closeWatches.forEach(close => close());
      closeWatches = [];
    },
  };
}

describe('ManagementClusterWatcher', () => {
  it('rediscovers after repeated 404s when the served CAPI version changes', async () => {
    const server = fakeApiServer();
    const index = new FleetIndex({
      patchStateOf: () => ({
        state: { state: 'unknown', rebootRequired: false },
        validUntil: Infinity,
      }),
    });
    const watcher = ManagementClusterWatcher.create({
      name: 'mc',
      title: 'MC',
      transport: async () => server.transport,
      index,
      logger: mockServices.logger.mock(),
      staleAfterMs: 60_000,
      timings: { initialBackoffMs: 5, maxBackoffMs: 20 },
    });
    watcher.start();
    await eventually(() =>
      expect(watcher.health()).toMatchObject({
        state: 'synced',
        apiVersion: 'v1beta1',
      }),
    );
    expect(index.getSummary('mc/default/c1')!.labels.served).toBe('v1beta1');

    server.upgradeTo('v1beta2');
    await eventually(() =>
      expect(watcher.health()).toMatchObject({
        state: 'synced',
        apiVersion: 'v1beta2',
      }),
    );
    expect(index.getSummary('mc/default/c1')!.labels.served).toBe('v1beta2');
    await watcher.stop();
  });

  it('reports down with the discovery error while the API server cannot be reached', async () => {
    const index = new FleetIndex({
      patchStateOf: () => ({
        state: { state: 'unknown', rebootRequired: false },
        validUntil: Infinity,
      }),
    });
    const watcher = ManagementClusterWatcher.create({
      name: 'mc',
      title: 'MC',
      transport: async () => ({
        getJson: async () => {
          throw new Error(
            'connect ECONNREFUSED 127.0.0.1:6443 (Bearer abc.def)',
          );
        },
        watch: async () => {},
        close() {},
      }),
      index,
      logger: mockServices.logger.mock(),
      staleAfterMs: 0,
      timings: { initialBackoffMs: 5, maxBackoffMs: 10 },
    });
    watcher.start();
    await eventually(() => expect(watcher.health().state).toBe('down'));
    const health = watcher.health();
    expect(health.lastError).toContain('ECONNREFUSED');
    expect(health.lastError).not.toContain('abc.def');
    expect(watcher.staleness()).toMatchObject({
      stale: true,
      reason: expect.stringContaining('mc not reachable'),
    });
    await watcher.stop();
  });
  it('shows viewers a short safe reason, never the raw API server or kubeconfig text, and logs the detail', async () => {
    const index = new FleetIndex({
      patchStateOf: () => ({
        state: { state: 'unknown', rebootRequired: false },
        validUntil: Infinity,
      }),
    });
    const logger = mockServices.logger.mock();
    const raw =
      'HTTP 403: clusters.cluster.x-k8s.io is forbidden: User "system:serviceaccount:capi:reader-7f3e" cannot list; kubeconfig /home/ops/.kube/prod-admin token=sk-live-123';
    const watcher = ManagementClusterWatcher.create({
      name: 'mc',
      title: 'MC',
      transport: async () => ({
        getJson: async () => {
          throw new KubernetesApiError(raw, 403, 'Forbidden');
        },
        watch: async () => {},
        close() {},
      }),
      index,
      logger,
      staleAfterMs: 0,
      timings: { initialBackoffMs: 5, maxBackoffMs: 10 },
    });
    watcher.start();
    await eventually(() => expect(watcher.health().state).toBe('down'));
    const shown = [watcher.staleness().reason, watcher.health().lastError];
    for (const text of shown) {
      expect(text).toContain('HTTP 403 (access denied)');
      for (const secret of [
        'reader-7f3e',
        '/home/ops',
        'sk-live-123',
        'forbidden:',
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    expect(
      logger.warn.mock.calls.some(([message]) =>
        String(message).includes('reader-7f3e'),
      ),
    ).toBe(true);
    await watcher.stop();
  });

  it('names a kubeconfig that cannot be read without its path', async () => {
    const index = new FleetIndex({
      patchStateOf: () => ({
        state: { state: 'unknown', rebootRequired: false },
        validUntil: Infinity,
      }),
    });
    const watcher = ManagementClusterWatcher.create({
      name: 'mc',
      title: 'MC',
      transport: async () => {
        throw Object.assign(
          new Error(
            "ENOENT: no such file or directory, open '/srv/secrets/admin.kubeconfig'",
          ),
          { code: 'ENOENT' },
        );
      },
      index,
      logger: mockServices.logger.mock(),
      staleAfterMs: 0,
      timings: { initialBackoffMs: 5, maxBackoffMs: 10 },
    });
    watcher.start();
    await eventually(() => expect(watcher.health().state).toBe('down'));
    expect(watcher.staleness().reason).toContain('credentials file not found');
    expect(watcher.staleness().reason).not.toContain('/srv/secrets');
    await watcher.stop();
  });
});
