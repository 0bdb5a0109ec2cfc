/*
 * Scale check, run by hand (not part of the unit tests):
 *
 *   yarn workspace @capstan/capi-simulator scale-check [clusters] [managementClusters]
 *
 * Seeds a fleet (default 10,000 clusters over 4 management clusters), reports
 * start-up time and memory, then pages through every Machine over HTTPS.
 */
import https from 'node:https';
import { startSimulator } from '../src';

function heapMb() {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return {
    heapUsedMb: Math.round(m.heapUsed / 1048576),
    rssMb: Math.round(m.rss / 1048576),
  };
}

function getJson(
  url: string,
  token: string,
  ca: string,
): Promise<{ status: number; body: any; bytes: number }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { headers: { authorization: `Bearer ${token}` }, ca }, res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const buffer = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(buffer.toString('utf8')),
            bytes: buffer.length,
          });
        });
      })
      .on('error', reject);
  });
}

async function main() {
  const clusters = Number(process.argv[2] ?? 10000);
  const managementClusters = Number(process.argv[3] ?? 4);
  const before = heapMb();
  const started = Date.now();
  const sim = await startSimulator({
    managementClusters,
    seedClusters: clusters,
    reconcile: true,
    patchSimulation: true,
  });
  const startupMs = Date.now() - started;
  process.stderr.write(`started in ${startupMs} ms\n`);
  const after = heapMb();
  let machines = 0;
  let objects = 0;
  for (const mc of sim.managementClusters) {
    machines += mc.store.list('machines.cluster.x-k8s.io').length;
    const status = await getJson(
      `${mc.url}/_simulator/status`,
      mc.token,
      mc.caData,
    );
    objects += Object.values(
      status.body.objects as Record<string, number>,
    ).reduce((a, b) => a + b, 0);
  }

  process.stderr.write(`${machines} machines, ${objects} objects; listing\n`);
  const listStarted = Date.now();
  let listed = 0;
  let pages = 0;
  let bytes = 0;
  for (const mc of sim.managementClusters) {
    let next: string | undefined;
    do {
      const page = await getJson(
        `${mc.url}/apis/cluster.x-k8s.io/v1beta2/machines?limit=500${
          next ? `&continue=${encodeURIComponent(next)}` : ''
        }`,
        mc.token,
        mc.caData,
      );
      if (page.status !== 200)
        throw new Error(
          `page ${pages} of ${mc.name}: HTTP ${page.status} ${JSON.stringify(
            page.body,
          )}`,
        );
      listed += page.body.items.length;
      bytes += page.bytes;
      pages++;
      next = page.body.metadata.continue;
    } while (next);
  }
  const listMs = Date.now() - listStarted;

  const releaseStarted = Date.now();
  sim.managementClusters[0].patch.securityRelease();
  const releaseMs = Date.now() - releaseStarted;

  const report = {
    clusters,
    managementClusters,
    machines,
    objects,
    startupMs,
    memory: {
      before,
      after,
      perObjectBytes: Math.round(
        ((after.heapUsedMb - before.heapUsedMb) * 1048576) / objects,
      ),
    },
    paginatedMachineList: {
      listed,
      pages,
      listMs,
      megabytes: Math.round(bytes / 1048576),
    },
    securityReleaseOnOneManagementClusterMs: releaseMs,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await sim.stop();
  // The reconciler keeps rolling out upgrades while we list, so the count moves a little.
  if (Math.abs(listed - machines) > machines * 0.02) {
    process.stderr.write(
      `listed ${listed} machines but the stores held ${machines}\n`,
    );
    process.exit(1);
  }
  if (startupMs > 60_000) {
    process.stderr.write(
      `start-up took ${startupMs} ms, over the 60 s budget\n`,
    );
    process.exit(1);
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
