import { fork } from 'node:child_process';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { CacheProbeRequest, CacheProbeResult } from './cacheProbe';

/** How long the initial sync of `clusters` clusters may take, in ms. */
export function syncTimeoutMs(clusters: number): number {
  return Math.max(300_000, clusters * 20);
}

/** Runs src/cacheProbe.ts in a child process with the same node flags. */
export function runCacheProbe(
  request: CacheProbeRequest,
): Promise<CacheProbeResult> {
  return new Promise((resolve, reject) => {
    const child = fork(
      resolvePackagePath('@capstan/capi-bench', 'src/cacheProbe.ts'),
      [],
      {
        execArgv: [
          '--expose-gc',
          '--require',
          require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        ],
        env: { ...process.env, CAPSTAN_BENCH_PROBE: JSON.stringify(request) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    let result: CacheProbeResult | undefined;
    const timer = setTimeout(
      () => child.kill(),
      syncTimeoutMs(request.clusters) + 300_000,
    );
    child.on('message', message => {
      // The node transform also reports the files it loads ({ type: 'watch' }).
      if ((message as Partial<CacheProbeResult>).initialSyncMs !== undefined) {
        result = message as CacheProbeResult;
      }
    });
    child.on('error', reject);
    child.on('exit', code => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`cache probe exited with ${code} and no result`));
    });
  });
}
