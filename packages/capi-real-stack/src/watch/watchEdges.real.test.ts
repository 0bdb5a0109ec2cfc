import fs from 'node:fs';
import {
  KubernetesClient,
  ResourceWatcher,
  type WatchEvent,
} from '@capstan/plugin-capi-backend';
import type { KubeClient, KubeObject } from '../KubeClient';
import { RealCapiStack } from '../RealCapiStack';
import { startCapiBackend } from './__testUtils__/capiBackend';
import {
  ControlledTransport,
  resourceVersionOf,
} from './__testUtils__/ControlledTransport';
import { eventually, kubectlNames } from './__testUtils__/waiting';

const NS = 'edges';
const CLUSTERS = '/apis/cluster.x-k8s.io/v1beta2/clusters';

function cluster(name: string): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { name, namespace: NS },
    spec: { clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] } } },
  };
}

/** capi-backend's watcher and transport on a stack, with a controlled transport between them. */
async function watchClusters(
  stack: RealCapiStack,
  options: { timeoutSeconds?: number } = {},
) {
  const inner = await KubernetesClient.create({
    name: 'real',
    title: 'real',
    url: stack.info.server,
    auth: {
      type: 'serviceAccountToken',
      token: fs.readFileSync(stack.info.tokenFile, 'utf8').trim(),
    },
    caData: fs.readFileSync(stack.info.caFile, 'utf8'),
    skipTLSVerify: false,
  });
  const transport = new ControlledTransport(inner);
  transport.timeoutSeconds = options.timeoutSeconds;
  const names = new Set<string>();
  const nameOf = (o: unknown) =>
    (o as { metadata: { name: string } }).metadata.name;
  const watcher = ResourceWatcher.create({
    transport,
    path: CLUSTERS,
    handlers: {
      onReplace: items => {
        names.clear();
        for (const item of items) names.add(nameOf(item));
      },
      onUpsert: item => names.add(nameOf(item)),
      onDelete: item => names.delete(nameOf(item)),
    },
    timings: { initialBackoffMs: 100, maxBackoffMs: 1000 },
  });
  watcher.start();
  return {
    transport,
    watcher,
    names,
    stop: async () => {
      transport.resume();
      await watcher.stop();
      transport.close();
    },
  };
}

describe('capi-backend’s watcher on the real API server', () => {
  describe('with the watch cache (kube-apiserver’s default)', () => {
    let stack: RealCapiStack;
    let client: KubeClient;

    beforeAll(async () => {
      stack = await RealCapiStack.start();
      client = stack.client();
      await client.ensureNamespace(NS);
      await client.apply(cluster('alpha'), { dryRun: false });
    }, 300_000);

    afterAll(async () => {
      await stack?.stop();
    }, 120_000);

    it('gets BOOKMARK events and resumes the next watch from the bookmark’s resourceVersion', async () => {
      // kube-apiserver sends a bookmark 2 s before a watch times out: short watches.
      const w = await watchClusters(stack, { timeoutSeconds: 10 });
      try {
        let bookmark: WatchEvent | undefined;
        let watchesAtBookmark = 0;
        // End the stream right after the first bookmark, as a dropped
        // connection would: the watcher must resume from the bookmark.
        w.transport.onEvent = (event, end) => {
          if (event.type === 'BOOKMARK' && !bookmark) {
            bookmark = event;
            watchesAtBookmark = w.transport.watchPaths.length;
            end();
          }
        };
        await eventually('a bookmark', async () => bookmark, 180_000);
        const rv = (
          bookmark!.object as { metadata: { resourceVersion: string } }
        ).metadata.resourceVersion;
        expect(w.watcher.stats.bookmarks).toBeGreaterThanOrEqual(1);
        const next = await eventually(
          'the next watch',
          async () => w.transport.watchPaths[watchesAtBookmark],
          60_000,
        );
        expect(resourceVersionOf(next)).toBe(rv);
        // The bookmark did not change what the watcher holds.
        expect([...w.names]).toEqual(['alpha']);
        expect(w.watcher.stats.relistsAfterGone).toBe(0);
      } finally {
        await w.stop();
      }
    }, 300_000);

    it('a ServiceAccount token that stops being valid: the management cluster shows the auth error, nothing crashes, the token is not logged', async () => {
      const sa = {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'capstan-reader', namespace: 'default' },
      };
      const rbac = 'rbac.authorization.k8s.io/v1';
      await client.apply(sa, { dryRun: false });
      await client.apply(
        {
          apiVersion: rbac,
          kind: 'ClusterRole',
          metadata: { name: 'capstan-reader' },
          rules: [
            {
              apiGroups: ['*'],
              resources: ['*'],
              verbs: ['get', 'list', 'watch'],
            },
          ],
        },
        { dryRun: false },
      );
      await client.apply(
        {
          apiVersion: rbac,
          kind: 'ClusterRoleBinding',
          metadata: { name: 'capstan-reader' },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'capstan-reader',
          },
          subjects: [
            {
              kind: 'ServiceAccount',
              name: 'capstan-reader',
              namespace: 'default',
            },
          ],
        },
        { dryRun: false },
      );
      // A bound token from the TokenRequest API, as `kubectl create token` makes.
      const issued = await client.request(
        'POST',
        '/api/v1/namespaces/default/serviceaccounts/capstan-reader/token',
        {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          spec: { expirationSeconds: 3600 },
        },
      );
      expect(issued.status).toBe(201);
      const token = String(issued.body.status.token);
      const logs: string[] = [];
      const backend = await startCapiBackend(
        {
          name: 'real',
          url: stack.info.server,
          ca: fs.readFileSync(stack.info.caFile, 'utf8'),
          token,
        },
        { restartInterval: '3s', logs },
      );
      try {
        await eventually('a sync with the ServiceAccount token', async () => {
          const h = await backend.managementCluster();
          return h.state === 'synced' && h.clusterCount === 1 ? h : undefined;
        });
        // The token dies with its ServiceAccount.
        await client.delete(sa);
        const health = await eventually(
          'the auth error',
          async () => {
            const h = await backend.managementCluster();
            return h.state === 'down' ? h : undefined;
          },
          120_000,
        );
        expect(health.lastError).toMatch(
          /: HTTP 401 \(credentials rejected\)$/,
        );
        // Still answering, with what it had.
        expect(health.clusterCount).toBe(1);
        const kept = await backend.cluster({
          managementCluster: 'real',
          namespace: NS,
          name: 'alpha',
        });
        expect(kept?.name).toBe('alpha');
        expect(logs.join('\n')).toMatch(/401/);
        expect(logs.join('\n')).not.toContain(token);
        expect(logs.join('\n')).not.toContain(token.split('.')[2]);
        expect(JSON.stringify(health)).not.toContain(token);
      } finally {
        await backend.stop();
      }
    }, 300_000);
  });

  describe('without the watch cache, so watches read etcd and see its compaction', () => {
    let stack: RealCapiStack;
    let client: KubeClient;

    beforeAll(async () => {
      stack = await RealCapiStack.start({
        apiServerFlags: ['--watch-cache=false'],
      });
      client = stack.client();
      await client.ensureNamespace(NS);
      await client.apply(cluster('alpha'), { dryRun: false });
      await client.apply(cluster('beta'), { dryRun: false });
    }, 300_000);

    afterAll(async () => {
      await stack?.stop();
    }, 120_000);

    async function etcd(path: string, body: unknown) {
      const res = await fetch(`${stack.info.etcd}${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      expect(res.ok).toBe(true);
      return (await res.json()) as { header: { revision: string } };
    }

    it('a watch from a compacted resourceVersion gets 410 Gone; the watcher relists and holds what kubectl shows', async () => {
      const w = await watchClusters(stack);
      try {
        await eventually('the first list', async () =>
          w.names.size === 2 ? true : undefined,
        );
        // Out of contact: changes and a compaction happen meanwhile.
        w.transport.hold();
        await client.apply(cluster('gamma'), { dryRun: false });
        await client.delete(cluster('alpha'));
        for (const name of ['edges-a', 'edges-b']) {
          await client.ensureNamespace(name);
        }
        const { header } = await etcd('/v3/kv/range', {
          key: Buffer.from('/').toString('base64'),
        });
        await etcd('/v3/kv/compaction', {
          revision: header.revision,
          physical: true,
        });
        const watchesBefore = w.transport.watchPaths.length;
        w.transport.resume();
        await eventually(
          'the relist after 410',
          async () =>
            w.watcher.stats.relistsAfterGone >= 1 && w.names.size === 2
              ? true
              : undefined,
          120_000,
        );
        expect(w.transport.errorCodes).toContain(410);
        expect(w.transport.watchPaths.length).toBeGreaterThan(watchesBefore);
        expect([...w.names].sort()).toEqual(['beta', 'gamma']);
        expect([...w.names].sort()).toEqual(
          await kubectlNames(stack, 'clusters.cluster.x-k8s.io', NS),
        );
      } finally {
        await w.stop();
      }
    }, 300_000);
  });
});
