import type { LatencySummary } from './stats';
import type { WritePathResult } from './writePath';

/** A query timed over HTTP with its answers counted, not parsed (BenchHttpClient). */
export interface TimedQuery extends LatencySummary {
  responseBytes: { min: number; max: number };
  /** Answers kept during the timing and checked afterwards. */
  checkedSamples: number;
}

/** One management-cluster count of the ratio run: capi against the Kubernetes backend and naive fan-out. */
export interface RatioResult {
  managementClusters: number;
  clusters: number;
  machines: number;
  entityClusters: number;
  /**
   * A signed-in capi request that does nothing, through the same stack
   * and client: no capi answer can be faster.
   */
  floor: TimedQuery;
  entity: {
    capi: TimedQuery;
    kubernetesBackend: TimedQuery;
    naive: LatencySummary;
  };
  fleet: {
    capi: TimedQuery;
    kubernetesBackend: TimedQuery;
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

/** slow ÷ fast, one decimal below 10 (a capi answer is about 1.2× the floor, not 1×). */
function ratio(slow: LatencySummary, fast: LatencySummary) {
  const of = (a: number, b: number) =>
    a / b < 10 ? Math.round((a / b) * 10) / 10 : Math.round(a / b);
  return { p50: of(slow.p50, fast.p50), p99: of(slow.p99, fast.p99) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

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
  lines.push(
    '',
    'Floor: a signed-in capi request that does nothing (`GET /api/capi/profiles`), same stack and client. Best possible p99 ratio = Kubernetes backend p99 ÷ floor p99.',
    '',
    '| management clusters | floor p50 / p99 ms | entity: capi ÷ floor (p50, p99) | best possible entity ratio (p50, p99) | best possible fleet ratio (p50, p99) | entity answer, capi / Kubernetes backend |',
    '|---|---|---|---|---|---|',
  );
  for (const r of report.ratios) {
    const over = ratio(r.entity.capi, r.floor);
    const bestEntity = ratio(r.entity.kubernetesBackend, r.floor);
    const bestFleet = ratio(r.fleet.kubernetesBackend, r.floor);
    lines.push(
      `| ${r.managementClusters} | ${f(r.floor)} | ${over.p50}×, ${
        over.p99
      }× | ${bestEntity.p50}×, ${bestEntity.p99}× | ${bestFleet.p50}×, ${
        bestFleet.p99
      }× | ${kb(r.entity.capi.responseBytes.max)} / ${kb(
        r.entity.kubernetesBackend.responseBytes.max,
      )} |`,
    );
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
