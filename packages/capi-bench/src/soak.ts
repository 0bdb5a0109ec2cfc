/*
 * `yarn soak` (default 10 minutes of faults) and `yarn soak:smoke` (CI, ~1.5 min).
 *
 * The capi backend plugin runs against simulated management clusters (loopback
 * only) while the fleet changes and faults are injected: dropped watches,
 * forced 410 Gone, 5 % server errors, latency spikes and a management cluster
 * restart. Then the faults stop and the backend's whole view is compared with
 * the simulator's objects, one by one. Exits non-zero on a crash, a mismatch
 * after convergence, or a dead management cluster never flagged stale; never
 * on timing.
 */
import os from 'node:os';
import fs from 'node:fs';
import {
  CAPI_API_PATHS,
  type ClusterDetailResponse,
  type FleetClusterRow,
  type ClusterSummary,
  type FleetResponse,
} from '@capstan/plugin-capi-common';
import { parseArgs } from './args';
import {
  networkRetries,
  startCapiBackend,
  waitForSync,
  type CapiBackend,
} from './backends';
import { compareViews, type ViewMismatch } from './compare';
import { benchEntity, countObjects, startFleet } from './fleet';
import { seededRandom } from './random';
import { FleetMutator, truthOf } from './soakFleet';
import { heapUsedAfterGc, summarize, waitFor } from './stats';

function log(message: string) {
  process.stderr.write(
    `[soak ${new Date().toISOString().slice(11, 19)}] ${message}\n`,
  );
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** A cluster with all its machines, paging through the detail endpoint. */
async function clusterWithMachines(
  capi: CapiBackend,
  item: FleetClusterRow,
): Promise<ClusterSummary> {
  const machines: ClusterSummary['machines'] = [];
  for (let page = 0; page < 1000; page++) {
    const res = await capi.get<ClusterDetailResponse>(
      `${CAPI_API_PATHS.cluster(item)}?machineOffset=${
        page * 500
      }&machineLimit=500`,
    );
    machines.push(...res.machines);
    if (machines.length >= res.machinePage.total || res.machines.length === 0) {
      const { machinePage: _page, ...summary } = res;
      return { ...summary, machines };
    }
  }
  throw new Error(`${item.id}: too many machine pages`);
}

/**
 * Every cluster the backend shows, with its machines: the ids from the
 * pages of `GET /fleet` (whose items carry no machines), the machines from
 * each cluster's detail endpoint, eight requests at a time.
 */
async function backendView(capi: CapiBackend): Promise<ClusterSummary[]> {
  const items: FleetClusterRow[] = [];
  for (let page = 0; page < 1000; page++) {
    const res = await capi.get<FleetResponse>(
      `/fleet?limit=500&offset=${page * 500}`,
    );
    items.push(...res.items);
    if (res.items.length < 500) break;
  }
  const view: ClusterSummary[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      view.push(await clusterWithMachines(capi, items[next++]));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return view;
}

interface SoakReport {
  command: string;
  date: string;
  machine: { cpus: number; node: string; loadAverage: number[] };
  minutes: number;
  managementClusters: number;
  clusters: number;
  machines: number;
  staleAfterMs: number;
  crashes: number;
  apiProbeFailures: number;
  apiProbes: number;
  networkRetries: number;
  managementClusterStatesSeen: Record<string, number>;
  faultsInjected: Record<string, number>;
  mutations: FleetMutator['counts'];
  heapStartMb: number;
  heapEndMb: number;
  /** From the last fault to a view equal to the simulator's, object by object. */
  convergeMs?: number;
  mismatchesAfterConvergence: number;
  mismatchExamples: ViewMismatch[];
  /** From a management cluster going down to the API flagging it stale, per restart. */
  staleDetection: ReturnType<typeof summarize> | undefined;
  staleDetectionMisses: number;
}

async function main() {
  const args = parseArgs(process.argv.slice(2), {
    smoke: false,
    minutes: 10,
    managementClusters: 5,
    clusters: 500,
    staleAfterSeconds: 20,
    out: '',
  });
  const smoke = Boolean(args.smoke);
  const minutes = smoke
    ? Math.min(Number(args.minutes), 1.25)
    : Number(args.minutes);
  const managementClusters = smoke ? 3 : Number(args.managementClusters);
  const clusterCount = smoke ? 60 : Number(args.clusters);
  const staleAfterMs = (smoke ? 4 : Number(args.staleAfterSeconds)) * 1000;
  const slotMs = smoke ? 8_000 : 30_000;

  let crashes = 0;
  process.on('uncaughtException', error => {
    crashes++;
    process.stderr.write(`uncaught exception: ${error.stack ?? error}\n`);
  });
  process.on('unhandledRejection', error => {
    crashes++;
    process.stderr.write(
      `unhandled rejection: ${(error as Error)?.stack ?? error}\n`,
    );
  });

  log(
    `fleet: ${clusterCount} clusters over ${managementClusters} management clusters; ${minutes} min of faults`,
  );
  const sim = await startFleet({
    managementClusters,
    clusters: clusterCount,
    bookmarkIntervalMs: 2_000,
  });
  const capi = await startCapiBackend(sim, {
    entities: [benchEntity],
    staleAfter: `${staleAfterMs}ms`,
    watch: {
      restartInterval: smoke ? '20s' : '1m',
      initialBackoff: '200ms',
      maxBackoff: '5s',
    },
  });
  const faultsInjected: Record<string, number> = {};
  const count = (fault: string) => {
    faultsInjected[fault] = (faultsInjected[fault] ?? 0) + 1;
  };
  const staleTimes: number[] = [];
  let staleDetectionMisses = 0;
  let apiProbes = 0;
  let apiProbeFailures = 0;
  /** Management cluster states the probes saw: proof the faults reached the backend. */
  const statesSeen: Record<string, number> = {};
  let report: SoakReport | undefined;
  try {
    await waitForSync(capi, countObjects(sim), 120_000);
    const initial = countObjects(sim);
    const heapStart = await heapUsedAfterGc();
    log(`synced; heap ${Math.round(heapStart / 2 ** 20)} MB`);

    const mutator = new FleetMutator(sim, 7);
    const random = seededRandom(11);
    let stopping = false;
    // Background load: changes every 100 ms and an API probe every second, both bounded by `stopping`.
    const mutating = (async () => {
      for (let i = 0; !stopping && i < 1_000_000; i++) {
        mutator.step(Date.now());
        await sleep(100);
      }
    })();
    const probing = (async () => {
      for (let i = 0; !stopping && i < 1_000_000; i++) {
        apiProbes++;
        try {
          for (const mc of (await capi.managementClusters()).items) {
            statesSeen[mc.state] = (statesSeen[mc.state] ?? 0) + 1;
          }
        } catch {
          apiProbeFailures++;
        }
        await sleep(1_000);
      }
    })();

    const allMcs = sim.managementClusters;
    const faultsEnd = Date.now() + minutes * 60_000;
    const slots = [
      'dropWatches',
      'gone410',
      'serverErrors',
      'latencySpikes',
      'restart',
      'combined',
    ] as const;
    for (let slot = 0; Date.now() < faultsEnd && slot < 10_000; slot++) {
      const kind = slots[slot % slots.length];
      const slotEnd = Math.min(faultsEnd, Date.now() + slotMs);
      log(`fault: ${kind}`);
      switch (kind) {
        case 'dropWatches':
          while (Date.now() < slotEnd) {
            allMcs.forEach(mc => mc.faults.dropWatches());
            count('dropWatches');
            await sleep(2_000);
          }
          break;
        case 'gone410':
          while (Date.now() < slotEnd) {
            allMcs.forEach(mc => {
              mc.faults.expireResourceVersions();
              mc.faults.dropWatches();
            });
            count('forced410');
            await sleep(3_000);
          }
          break;
        case 'serverErrors':
          allMcs.forEach(mc => mc.faults.set({ errorRate: 0.05 }));
          allMcs.forEach(mc => mc.faults.dropWatches());
          count('serverErrors5pct');
          await sleep(slotEnd - Date.now());
          allMcs.forEach(mc => mc.faults.set({ errorRate: 0 }));
          break;
        case 'latencySpikes':
          while (Date.now() < slotEnd) {
            const mc = allMcs[Math.floor(random() * allMcs.length)];
            mc.faults.set({ latencyMs: 300 + Math.floor(random() * 1700) });
            mc.faults.dropWatches();
            count('latencySpike');
            await sleep(2_000);
            mc.faults.set({ latencyMs: 0 });
          }
          break;
        case 'restart': {
          const mc = allMcs[Math.floor(slot / slots.length) % allMcs.length];
          const downAt = performance.now();
          await mc.faults.down();
          count('managementClusterRestart');
          try {
            await waitFor(
              `${mc.name} to be flagged stale`,
              async () =>
                (
                  await capi.managementClusters()
                ).items.find(i => i.name === mc.name)?.stale
                  ? true
                  : undefined,
              { timeoutMs: staleAfterMs + 30_000, intervalMs: 100 },
            );
            staleTimes.push(performance.now() - downAt);
          } catch (error) {
            staleDetectionMisses++;
            log(`PROBLEM: ${(error as Error).message}`);
          }
          await sleep(Math.max(0, Math.min(2_000, slotEnd - Date.now())));
          await mc.faults.up();
          break;
        }
        case 'combined':
          allMcs.forEach(mc =>
            mc.faults.set({ errorRate: 0.05, latencyMs: 200 }),
          );
          while (Date.now() < slotEnd) {
            allMcs.forEach(mc => mc.faults.dropWatches());
            count('combined');
            await sleep(3_000);
          }
          allMcs.forEach(mc => mc.faults.set({ errorRate: 0, latencyMs: 0 }));
          break;
        default:
          break;
      }
    }

    log('faults stopped; waiting for convergence');
    stopping = true;
    await Promise.all([mutating, probing]);
    for (const mc of allMcs) {
      mc.faults.set({ errorRate: 0, latencyMs: 0 });
    }
    mutator.restoreDue(Date.now(), true);
    const convergeStarted = performance.now();
    let mismatches: ViewMismatch[] = [];
    let convergeMs: number | undefined;
    const convergeDeadline = Date.now() + (smoke ? 60_000 : 180_000);
    for (let i = 0; Date.now() < convergeDeadline && i < 10_000; i++) {
      try {
        mismatches = compareViews(truthOf(sim), await backendView(capi));
      } catch (error) {
        mismatches = [
          {
            id: '*',
            problem: `backend did not answer: ${(error as Error).message}`,
          },
        ];
      }
      if (mismatches.length === 0) {
        convergeMs = performance.now() - convergeStarted;
        break;
      }
      await sleep(250);
    }
    const final = countObjects(sim);
    const heapEnd = await heapUsedAfterGc();
    report = {
      command: `node ${process.execArgv.join(' ')} ${process.argv
        .slice(1)
        .join(' ')}`,
      date: new Date().toISOString(),
      machine: {
        cpus: os.availableParallelism(),
        node: process.version,
        loadAverage: os.loadavg().map(l => Math.round(l * 100) / 100),
      },
      minutes,
      managementClusters,
      clusters: final.clusters,
      machines: final.machines,
      staleAfterMs,
      crashes,
      apiProbeFailures,
      apiProbes,
      networkRetries: networkRetries.length,
      managementClusterStatesSeen: statesSeen,
      faultsInjected,
      mutations: mutator.counts,
      heapStartMb: Math.round(heapStart / 2 ** 20),
      heapEndMb: Math.round(heapEnd / 2 ** 20),
      convergeMs: convergeMs === undefined ? undefined : Math.round(convergeMs),
      mismatchesAfterConvergence: mismatches.length,
      mismatchExamples: mismatches.slice(0, 10),
      staleDetection: staleTimes.length ? summarize(staleTimes) : undefined,
      staleDetectionMisses,
    };
    if (initial.clusters !== final.clusters) {
      log(
        `note: ${initial.clusters} clusters at start, ${final.clusters} at the end`,
      );
    }
  } finally {
    await capi.stop();
    await sim.stop();
  }
  const json = JSON.stringify(report, null, 2);
  if (args.out) fs.writeFileSync(String(args.out), `${json}\n`);
  process.stdout.write(`${json}\n`);
  const failed =
    !report ||
    report.crashes > 0 ||
    report.mismatchesAfterConvergence > 0 ||
    report.staleDetectionMisses > 0;
  if (failed) {
    process.stderr.write(
      'SOAK FAILED: crash, mismatch after convergence or a dead management cluster not flagged stale\n',
    );
  }
  process.exit(failed ? 1 : 0);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
