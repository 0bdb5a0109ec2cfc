import type { LatencySummary } from './stats';
import type { WritePathResult } from './writePath';

/** One management-cluster count of the ratio run: capi against the Kubernetes backend and naive fan-out. */
export interface RatioResult {
  managementClusters: number;
  clusters: number;
  machines: number;
  entityClusters: number;
  entity: {
    capi: LatencySummary;
    kubernetesBackend: LatencySummary;
    naive: LatencySummary;
  };
  fleet: {
    capi: LatencySummary;
    kubernetesBackend: LatencySummary;
    naive: LatencySummary;
  };
}

/** One scale run: sync, heap and query latencies in ms, sizes in bytes. */
export interface ScaleResult {
  clusters: number;
  machines: number;
  managementClusters: number;
  simulatorStartMs: number;
  cache: {
    initialSyncMs: number;
    retainedHeapBytes: number;
    retainedBytesPerMachine: number;
    rssMb: number;
  };
  plugin: {
    initialSyncMs: number;
    retainedHeapBytes: number;
    retainedBytesPerMachine: number;
  };
  entityQuery: LatencySummary & { clusters: number };
  ownerEntityQuery: LatencySummary & {
    clusters: number;
    responseBytes: number;
  };
  /** The fleet page (50 clusters, no machines) and its answer's size. */
  fleetQuery: LatencySummary & { responseBytes: number };
  changeToApi: LatencySummary;
  changeToSignal: LatencySummary;
}

function ratio(slow: LatencySummary, fast: LatencySummary) {
  return {
    p50: Math.round(slow.p50 / fast.p50),
    p99: Math.round(slow.p99 / fast.p99),
  };
}

/** The report as the markdown tables docs/benchmarks.md quotes. */
export function markdown(report: BenchReport): string {
  const lines: string[] = [];
  const f = (s: LatencySummary) => `${s.p50} / ${s.p99}`;
  lines.push('### Cache vs Backstage Kubernetes backend vs naive fan-out', '');
  lines.push(
    '| management clusters | clusters / machines | query | capi p50 / p99 ms | Kubernetes backend p50 / p99 ms | naive p50 / p99 ms | Kubernetes backend ÷ capi (p50, p99) | naive ÷ capi (p50, p99) |',
  );
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const r of report.ratios) {
    for (const [name, q] of [
      [`entity (${r.entityClusters} clusters)`, r.entity],
      ['fleet', r.fleet],
    ] as const) {
      const k = ratio(q.kubernetesBackend, q.capi);
      const n = ratio(q.naive, q.capi);
      lines.push(
        `| ${r.managementClusters} | ${r.clusters} / ${
          r.machines
        } | ${name} | ${f(q.capi)} | ${f(q.kubernetesBackend)} (n=${
          q.kubernetesBackend.n
        }) | ${f(q.naive)} (n=${q.naive.n}) | ${k.p50}×, ${k.p99}× | ${
          n.p50
        }×, ${n.p99}× |`,
      );
    }
  }
  lines.push('', '### Scale', '');
  lines.push(
    '| clusters / machines | initial sync (cache alone / plugin) | retained heap per Machine (cache alone / plugin incl. Backstage) | entity p50 / p99 ms | owner entity first page p50 / p99 ms (clusters, response) | fleet page p50 / p99 ms (response) | change → API p50 / p99 ms | change → signal p50 / p99 ms |',
  );
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const s of report.scale) {
    lines.push(
      `| ${s.clusters} / ${s.machines} | ${(
        s.cache.initialSyncMs / 1000
      ).toFixed(1)} s / ${(s.plugin.initialSyncMs / 1000).toFixed(1)} s | ${
        s.cache.retainedBytesPerMachine
      } B / ${s.plugin.retainedBytesPerMachine} B | ${f(s.entityQuery)} | ${f(
        s.ownerEntityQuery,
      )} (${s.ownerEntityQuery.clusters}, first page ${(
        s.ownerEntityQuery.responseBytes / 1024
      ).toFixed(0)} KB) | ${f(s.fleetQuery)} (${(
        s.fleetQuery.responseBytes / 1024
      ).toFixed(0)} KB) | ${f(s.changeToApi)} | ${f(s.changeToSignal)} |`,
    );
  }
  if (report.writePath) {
    const w = report.writePath;
    lines.push('', '### Write path', '');
    if ('skipped' in w) {
      lines.push(`Skipped: ${w.skipped}`);
    } else {
      lines.push(
        `render p50 ${w.render.p50} ms, publish p50 ${w.publish.p50} ms (p99 ${w.publish.p99}, n=${w.publish.n}); ${w.concurrent.requested} concurrent publishes into one branch: ${w.concurrent.landed} landed in ${w.concurrent.wallMs} ms.`,
      );
    }
  }
  return lines.join('\n');
}

/** What `--out` writes: the runs, the machine and the problems found. */
export interface BenchReport {
  command: string;
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    platform: string;
    loadAverage: number[];
  };
  smoke: boolean;
  ratios: RatioResult[];
  scale: ScaleResult[];
  writePath?: WritePathResult;
  problems: string[];
  /** Requests retried after a connection-level failure (see getJson). */
  networkRetries: string[];
}
