import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulator } from './simulator';
import { Simulator, SimulatorOptions } from './types';

const USAGE = `Usage: capi-simulator [options]

Serves simulated Cluster API management clusters over HTTPS.

Options:
  --management-clusters <names|count>  comma-separated names, or a count for mc-1..mc-N (default 1)
  --seed-clusters <n>                  workload clusters to seed over the management clusters (default 0)
  --seed <n>                           random seed for seeding and patch laggards (default 1)
  --seed-into <store|git>              store: seeded clusters straight into the management clusters,
                                       not managed through Git (default); git: write each seeded
                                       cluster's folder to --gitops-repo once, rendered like the
                                       new-cluster template does from --seed-profiles, then sync it
  --seed-profiles <files>              comma-separated app-config files holding capi.profiles
  --gitops-repo <path|url>             Git repository to sync; clusters/<mc>/... goes to <mc>
  --gitops-poll-interval-ms <ms>       how often to fetch the repository (default 2000)
  --gitops-self-heal-after-ms <ms>     revert hand changes to objects from Git after this long (default 5000)
  --no-gitops-self-heal                never revert hand changes (Argo CD without self-heal): drift stays visible
  --gitops-self-heal-off <clusters>    comma-separated <mc>/<namespace>/<name>: no self-heal for just these
  --kubeconfig-dir <dir>               where to write <mc>.kubeconfig (default: a folder under the OS temp dir)
  --time-scale <x>                     1 = a cluster is ready in about a minute; larger is faster (default 1)
  --port <p>                           first port; management cluster i listens on p+i (default 0 = random)
  --host <host>                        address to listen on (default 127.0.0.1)
  --no-reconcile                       do not advance object status
  --no-patch-simulation                no scheduled security releases or patch windows
  --latency-ms <ms>                    fault: delay every API request
  --error-rate <0..1>                  fault: answer this share of API requests with 500
  --drop-watches-every-ms <ms>         fault: close every open watch this often
  --expire-every-ms <ms>               fault: make every resourceVersion too old (410) this often
  --outage <mc>:<everyMs>:<downMs>     fault: take a management cluster down this often for this long
                                       (repeatable)
  --help                               show this help

Faults can also be changed at runtime: POST /_simulator/faults, /_simulator/faults/drop-watches,
/_simulator/faults/expire-resource-versions, /_simulator/faults/down {"durationMs": n}
on a management cluster's URL with its full-rights token (see the README).`;

export class UsageError extends Error {}

export interface ScheduledFaults {
  dropWatchesEveryMs?: number;
  expireEveryMs?: number;
  outages: Array<{
    managementCluster: string;
    everyMs: number;
    downMs: number;
  }>;
}

export interface CliOptions extends SimulatorOptions {
  scheduledFaults: ScheduledFaults;
  /** App-config files whose `capi.profiles` render git-seeded clusters. */
  seedProfiles?: string[];
}

function number(
  name: string,
  value: string | undefined,
  check: (n: number) => boolean,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new UsageError(`--${name} got "${value}", which is not valid`);
  }
  return n;
}

const DNS_LABEL = '[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?';
/** `<managementCluster>/<namespace>/<name>` */
const CLUSTER_ID = new RegExp(`^${DNS_LABEL}/${DNS_LABEL}/${DNS_LABEL}$`);

/** `--no-gitops-self-heal` wins over `--gitops-self-heal-after-ms`. */
function selfHealOptions(
  off: boolean,
  afterMs: number | undefined,
): Pick<CliOptions, 'gitopsSelfHealAfterMs'> {
  if (off) return { gitopsSelfHealAfterMs: false };
  return afterMs === undefined ? {} : { gitopsSelfHealAfterMs: afterMs };
}

/** Turns command-line arguments into simulator options; throws UsageError for bad input. */
export function parseCliArgs(argv: string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowNegative: true,
      options: {
        'management-clusters': { type: 'string' },
        'seed-clusters': { type: 'string' },
        seed: { type: 'string' },
        'seed-into': { type: 'string' },
        'seed-profiles': { type: 'string' },
        'gitops-repo': { type: 'string' },
        'gitops-poll-interval-ms': { type: 'string' },
        'gitops-self-heal': { type: 'boolean', default: true },
        'gitops-self-heal-after-ms': { type: 'string' },
        'gitops-self-heal-off': { type: 'string' },
        'kubeconfig-dir': { type: 'string' },
        'time-scale': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        reconcile: { type: 'boolean', default: true },
        'patch-simulation': { type: 'boolean', default: true },
        'latency-ms': { type: 'string' },
        'error-rate': { type: 'string' },
        'drop-watches-every-ms': { type: 'string' },
        'expire-every-ms': { type: 'string' },
        outage: { type: 'string', multiple: true },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const mcText = v['management-clusters'] ?? '1';
  const managementClusters = /^\d+$/.test(mcText.trim())
    ? number(
        'management-clusters',
        mcText,
        n => Number.isInteger(n) && n >= 1 && n <= 100,
      )!
    : mcText
        .split(',')
        .map(s => s.trim())
        .filter(Boolean);
  const seedInto = v['seed-into'] ?? 'store';
  if (seedInto !== 'store' && seedInto !== 'git') {
    throw new UsageError(`--seed-into got "${seedInto}"; use store or git`);
  }
  const seedProfiles = v['seed-profiles']
    ?.split(',')
    .map(s => s.trim())
    .filter(Boolean);
  if (seedInto === 'git' && (!v['gitops-repo'] || !seedProfiles?.length)) {
    throw new UsageError(
      '--seed-into git needs --gitops-repo and --seed-profiles (the app-config with capi.profiles)',
    );
  }
  const selfHealOff = v['gitops-self-heal-off']
    ?.split(',')
    .map(s => s.trim())
    .filter(Boolean);
  for (const id of selfHealOff ?? []) {
    if (!CLUSTER_ID.test(id)) {
      throw new UsageError(
        `--gitops-self-heal-off got "${id}"; expected <managementCluster>/<namespace>/<name>`,
      );
    }
  }
  const selfHealAfterMs = number(
    'gitops-self-heal-after-ms',
    v['gitops-self-heal-after-ms'],
    n => Number.isInteger(n) && n >= 0,
  );
  const latencyMs = number('latency-ms', v['latency-ms'], n => n >= 0);
  const errorRate = number(
    'error-rate',
    v['error-rate'],
    n => n >= 0 && n <= 1,
  );
  const outages = (v.outage ?? []).map(text => {
    const match = /^([a-z0-9][-a-z0-9]*):(\d+):(\d+)$/.exec(text);
    if (
      !match ||
      Number(match[3]) >= Number(match[2]) ||
      Number(match[3]) === 0
    ) {
      throw new UsageError(
        `--outage got "${text}"; expected <mc>:<everyMs>:<downMs> with 0 < downMs < everyMs`,
      );
    }
    return {
      managementCluster: match[1],
      everyMs: Number(match[2]),
      downMs: Number(match[3]),
    };
  });
  return {
    scheduledFaults: {
      dropWatchesEveryMs: number(
        'drop-watches-every-ms',
        v['drop-watches-every-ms'],
        n => n >= 10,
      ),
      expireEveryMs: number(
        'expire-every-ms',
        v['expire-every-ms'],
        n => n >= 10,
      ),
      outages,
    },
    managementClusters,
    seedClusters: number(
      'seed-clusters',
      v['seed-clusters'],
      n => Number.isInteger(n) && n >= 0,
    ),
    seed: number('seed', v.seed, Number.isInteger),
    seedInto,
    ...(seedProfiles?.length ? { seedProfiles } : {}),
    gitopsRepo: v['gitops-repo'],
    gitopsPollIntervalMs: number(
      'gitops-poll-interval-ms',
      v['gitops-poll-interval-ms'],
      n => n >= 100,
    ),
    ...selfHealOptions(v['gitops-self-heal'] === false, selfHealAfterMs),
    ...(selfHealOff?.length ? { gitopsSelfHealOff: selfHealOff } : {}),
    kubeconfigDir:
      v['kubeconfig-dir'] ?? join(tmpdir(), 'capi-simulator', 'kubeconfigs'),
    timeScale: number('time-scale', v['time-scale'], n => n > 0),
    port: number(
      'port',
      v.port,
      n => Number.isInteger(n) && n >= 0 && n < 65536,
    ),
    host: v.host,
    reconcile: v.reconcile,
    patchSimulation: v['patch-simulation'],
    ...(latencyMs !== undefined || errorRate !== undefined
      ? { faults: { latencyMs, errorRate } }
      : {}),
  };
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  onSignal: (signal: 'SIGINT' | 'SIGTERM', handler: () => void) => void;
}

/** Runs the CLI until SIGINT/SIGTERM; resolves with the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let options;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    io.err(`capi-simulator: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    io.out(USAGE);
    return 0;
  }
  const { scheduledFaults, seedProfiles, ...simulatorOptions } = options;
  const started = Date.now();
  let simulator;
  try {
    let renderSeededCluster;
    if (simulatorOptions.seedInto === 'git' && seedProfiles) {
      // Loaded only here: the template's rendering brings the scaffolder module along.
      const loaded = await import('./seed/templateRenderer');
      // Node's import() of the transpiled CommonJS module nests it under default.
      const { createTemplateSeedRenderer, readProfilesFromAppConfig } = (
        'createTemplateSeedRenderer' in loaded
          ? loaded
          : (loaded as { default: typeof loaded }).default
      ) as typeof loaded;
      renderSeededCluster = createTemplateSeedRenderer(
        await readProfilesFromAppConfig(seedProfiles),
      );
    }
    simulator = await startSimulator({
      ...simulatorOptions,
      renderSeededCluster,
      onError: error =>
        io.err(`capi-simulator: ${(error as Error)?.message ?? String(error)}`),
    });
  } catch (error) {
    io.err(`capi-simulator: ${(error as Error).message}`);
    return 1;
  }
  io.out(
    `capi-simulator: ${
      simulator.managementClusters.length
    } management cluster(s) ready in ${Date.now() - started} ms`,
  );
  for (const mc of simulator.managementClusters) {
    io.out(`  ${mc.name}  ${mc.url}  kubeconfig: ${mc.kubeconfigPath}`);
  }
  if (options.gitopsRepo) {
    io.out(
      `  GitOps: ${options.gitopsRepo} at ${
        simulator.gitops?.syncedRevision(
          simulator.managementClusters[0].name,
        ) ?? '(no commits yet)'
      }`,
    );
  }
  let timers: NodeJS.Timeout[];
  try {
    timers = scheduleFaults(simulator, scheduledFaults, io);
  } catch (error) {
    io.err(`capi-simulator: ${(error as Error).message}`);
    await simulator.stop();
    return 2;
  }
  io.out('Press Ctrl+C to stop.');
  return new Promise<number>(resolve => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      timers.forEach(t => clearInterval(t));
      io.out(`capi-simulator: ${signal}, stopping`);
      simulator!.stop().then(
        () => resolve(0),
        error => {
          io.err(`capi-simulator: ${(error as Error).message}`);
          resolve(1);
        },
      );
    };
    io.onSignal('SIGINT', () => stop('SIGINT'));
    io.onSignal('SIGTERM', () => stop('SIGTERM'));
  });
}

function scheduleFaults(
  simulator: Simulator,
  faults: ScheduledFaults,
  io: CliIo,
): NodeJS.Timeout[] {
  const timers: NodeJS.Timeout[] = [];
  const all = simulator.managementClusters;
  if (faults.dropWatchesEveryMs) {
    timers.push(
      setInterval(
        () => all.forEach(mc => mc.faults.dropWatches()),
        faults.dropWatchesEveryMs,
      ),
    );
  }
  if (faults.expireEveryMs) {
    timers.push(
      setInterval(
        () => all.forEach(mc => mc.faults.expireResourceVersions()),
        faults.expireEveryMs,
      ),
    );
  }
  for (const outage of faults.outages) {
    const mc = simulator.get(outage.managementCluster);
    timers.push(
      setInterval(() => {
        io.out(`capi-simulator: ${mc.name} going down for ${outage.downMs} ms`);
        mc.faults
          .down()
          .then(
            () => new Promise(resolve => setTimeout(resolve, outage.downMs)),
          )
          .then(() => mc.faults.up())
          .then(() => io.out(`capi-simulator: ${mc.name} is back`))
          .catch(error =>
            io.err(`capi-simulator: ${(error as Error).message}`),
          );
      }, outage.everyMs),
    );
  }
  return timers;
}
