/*
 * Child process of `yarn bench`: the cache alone (`createFleetCache`), with no
 * simulator and no Backstage in its heap, so retained heap per Machine and
 * initial sync time are the cache's own. Gets the management clusters in
 * CAPSTAN_BENCH_PROBE (JSON), answers one message on the IPC channel.
 */
import { writeHeapSnapshot } from 'node:v8';
import { createFleetCache } from '@capstan/plugin-capi-backend';
import { quietLogger } from './logger';
import { heapUsedAfterGc, waitFor } from './stats';

export interface CacheProbeRequest {
  managementClusters: Array<{
    name: string;
    url: string;
    caData: string;
    token: string;
  }>;
  clusters: number;
  machines: number;
  pageSize: number;
}

export interface CacheProbeResult {
  initialSyncMs: number;
  heapBeforeBytes: number;
  heapSyncedBytes: number;
  rssBytes: number;
}

async function main() {
  const request = JSON.parse(
    process.env.CAPSTAN_BENCH_PROBE ?? '',
  ) as CacheProbeRequest;
  // Code, not data: load the Kubernetes client before the baseline.
  await import('@kubernetes/client-node');
  const heapBeforeBytes = await heapUsedAfterGc();
  const cache = createFleetCache({
    managementClusters: request.managementClusters.map(mc => ({
      name: mc.name,
      title: mc.name,
      url: mc.url,
      caData: mc.caData,
      auth: { type: 'serviceAccountToken', token: mc.token },
      skipTLSVerify: false,
    })),
    logger: quietLogger(),
    timings: { restartIntervalMs: 5 * 60_000, pageSize: request.pageSize },
  });
  const started = performance.now();
  cache.start();
  await waitFor(
    'the cache to sync',
    () => {
      const health = cache.reader.health();
      const clusters = health.reduce((a, h) => a + h.clusterCount, 0);
      const machines = health.reduce((a, h) => a + h.machineCount, 0);
      return health.every(h => h.state === 'synced') &&
        clusters === request.clusters &&
        machines === request.machines
        ? true
        : undefined;
    },
    { timeoutMs: Math.max(300_000, request.clusters * 20), intervalMs: 20 },
  );
  const initialSyncMs = performance.now() - started;
  // Serve the fleet once so lazily built state is counted too.
  cache.reader.fleet({ limit: 1 });
  const heapSyncedBytes = await heapUsedAfterGc();
  // To see what the retained heap is made of (e.g. in Chrome's DevTools).
  const snapshotPath = process.env.CAPSTAN_BENCH_HEAP_SNAPSHOT;
  if (snapshotPath) writeHeapSnapshot(snapshotPath);
  const result: CacheProbeResult = {
    initialSyncMs,
    heapBeforeBytes,
    heapSyncedBytes,
    rssBytes: process.memoryUsage().rss,
  };
  process.send?.(result);
  await cache.stop();
  process.exit(0);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
