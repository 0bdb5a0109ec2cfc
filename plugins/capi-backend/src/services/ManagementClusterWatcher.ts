import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ManagementClusterHealth,
  ManagementClusterState,
} from '@capstan/plugin-capi-common';
import {
  KubernetesApiError,
  KubernetesTransport,
} from '../kubernetes/KubernetesClient';
import {
  ResourceWatcher,
  ResourceWatcherTimings,
} from '../kubernetes/ResourceWatcher';
import {
  normaliseCluster,
  normaliseKubeadmControlPlane,
  normaliseMachine,
  normaliseMachineDeployment,
  normaliseMachinePool,
} from '../normalise';
import type { TrimOptions } from '../normalise/meta';
import type { CapiKind, TrimmedObject } from '../normalise/types';
import { at, str } from '../normalise/read';
import type { FleetIndex } from './FleetIndex';
import { connectionErrorReason } from './connectionErrorReason';

interface WatchedResource {
  kind: CapiKind;
  group: string;
  plural: string;
  normalise(
    object: unknown,
    version: string,
    options: TrimOptions,
  ): TrimmedObject | undefined;
}

const RESOURCES: WatchedResource[] = [
  {
    kind: 'Cluster',
    group: 'cluster.x-k8s.io',
    plural: 'clusters',
    normalise: normaliseCluster,
  },
  {
    kind: 'MachineDeployment',
    group: 'cluster.x-k8s.io',
    plural: 'machinedeployments',
    normalise: normaliseMachineDeployment,
  },
  {
    kind: 'MachinePool',
    group: 'cluster.x-k8s.io',
    plural: 'machinepools',
    normalise: normaliseMachinePool,
  },
  {
    kind: 'Machine',
    group: 'cluster.x-k8s.io',
    plural: 'machines',
    normalise: normaliseMachine,
  },
  {
    kind: 'KubeadmControlPlane',
    group: 'controlplane.cluster.x-k8s.io',
    plural: 'kubeadmcontrolplanes',
    normalise: normaliseKubeadmControlPlane,
  },
];

const PREFERRED_VERSIONS = ['v1beta2', 'v1beta1'];

/**
 * Options of a ManagementClusterWatcher.
 *
 * @public
 */
export interface ManagementClusterWatcherOptions {
  name: string;
  title: string;
  /** Creates the transport; called (again) until it succeeds. */
  transport: () => Promise<KubernetesTransport>;
  index: FleetIndex;
  logger: LoggerService;
  /** Data older than this without contact is stale. */
  staleAfterMs: number;
  timings?: Partial<ResourceWatcherTimings>;
  trim?: TrimOptions;
  /** Called when the health state changes. */
  onHealthChange?(health: ManagementClusterHealth): void;
  /**
   * API discovery is repeated this often, and after repeated 404s, so that
   * a CAPI upgrade (new served version, MachinePools switched on) is picked
   * up without a restart. Default 30 minutes.
   */
  rediscoverIntervalMs?: number;
  now?: () => number;
  /** More watches on the same connection (e.g. Argo CD Applications); started once connected. */
  extraWatches?: (transport: KubernetesTransport) => { stop(): Promise<void> };
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Never echo anything that looks like a bearer token.
  return message.replace(/Bearer\s+\S+/gi, 'Bearer ***');
}

/**
 * Keeps the FleetIndex current for one management cluster: discovers which
 * CAPI API version it serves (v1beta2 preferred), runs one ResourceWatcher
 * per kind, and reports health (connecting, synced, degraded, down).
 *
 * @public
 */
export class ManagementClusterWatcher {
  readonly name: string;
  readonly title: string;
  readonly #options: ManagementClusterWatcherOptions;
  readonly #now: () => number;
  #transport?: KubernetesTransport;
  #watchers: Array<{
    resource: WatchedResource;
    watcher: ResourceWatcher;
    lastError?: string;
    notFound: number;
  }> = [];
  #versions?: Map<CapiKind, string>;
  #rediscovering?: Promise<void>;
  #rediscoverTimer?: NodeJS.Timeout;
  #apiVersion?: string;
  #discoveryError?: string;
  #lastEventAt?: number;
  #lastSyncAt?: number;
  #lastError?: string;
  #lastErrorAt?: number;
  #lastContactAt?: number;
  readonly #startedAt: number;
  #stopped = false;
  readonly #stopController = new AbortController();
  #started?: Promise<void>;
  #state: ManagementClusterState = 'connecting';
  #extraWatches?: { stop(): Promise<void> };

  static create(options: ManagementClusterWatcherOptions) {
    return new ManagementClusterWatcher(options);
  }

  private constructor(options: ManagementClusterWatcherOptions) {
    this.name = options.name;
    this.title = options.title;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#startedAt = this.#now();
  }

  get apiVersion(): string | undefined {
    return this.#apiVersion;
  }

  /** Resource watchers, for tests and diagnostics. */
  get watchers(): ResourceWatcher[] {
    return this.#watchers.map(w => w.watcher);
  }

  /** Starts in the background; never throws, never waits for the API server. */
  start(): void {
    this.#started ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopController.abort();
    clearInterval(this.#rediscoverTimer);
    await this.#rediscovering;
    await Promise.all(this.#watchers.map(w => w.watcher.stop()));
    await this.#extraWatches?.stop();
    this.#transport?.close();
  }

  async #run(): Promise<void> {
    let attempt = 0;
    const initial = this.#options.timings?.initialBackoffMs ?? 500;
    const max = this.#options.timings?.maxBackoffMs ?? 30_000;
    while (!this.#stopped) {
      try {
        this.#transport ??= await this.#options.transport();
        const versions = await this.#discover(this.#transport);
        if (this.#stopped) return;
        this.#startWatchers(this.#transport, versions);
        this.#extraWatches ??= this.#options.extraWatches?.(this.#transport);
        this.#rediscoverTimer = setInterval(
          () => this.rediscover(),
          this.#options.rediscoverIntervalMs ?? 30 * 60_000,
        );
        this.#rediscoverTimer.unref?.();
        return;
      } catch (error) {
        attempt++;
        this.#discoveryError = connectionErrorReason(error);
        this.#recordError(`discovery: ${this.#discoveryError}`);
        const delay =
          Math.min(max, initial * 2 ** Math.min(attempt - 1, 20)) *
          (0.5 + Math.random() * 0.5);
        this.#options.logger.warn(
          `Management cluster ${this.name}: discovery failed: ${errorMessage(
            error,
          )}; retrying in ${Math.round(delay)} ms`,
        );
        await new Promise<void>(resolve => {
          const timer = setTimeout(resolve, delay);
          this.#stopController.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    }
  }

  async #discover(
    transport: KubernetesTransport,
  ): Promise<Map<CapiKind, string>> {
    const chosen = new Map<string, string>();
    for (const group of [...new Set(RESOURCES.map(r => r.group))]) {
      let served: string[] = [];
      try {
        const apiGroup = await transport.getJson(`/apis/${group}`);
        served = ((at(apiGroup, 'versions') as unknown[]) ?? [])
          .map(v => str(at(v, 'version')))
          .filter((v): v is string => Boolean(v));
      } catch (error) {
        if (error instanceof KubernetesApiError && error.status === 404) {
          continue; // group not installed
        }
        throw error;
      }
      const version = PREFERRED_VERSIONS.find(v => served.includes(v));
      if (version) chosen.set(group, version);
    }
    const core = chosen.get('cluster.x-k8s.io');
    if (!core) {
      throw new Error(
        'the API server does not serve cluster.x-k8s.io v1beta2 or v1beta1; is Cluster API installed?',
      );
    }
    this.#apiVersion = core;
    this.#discoveryError = undefined;
    // Only watch the kinds the chosen versions serve (MachinePools may be off).
    const plurals = new Map<string, Set<string>>();
    for (const [group, version] of chosen) {
      const list = await transport.getJson(`/apis/${group}/${version}`);
      const names = ((at(list, 'resources') as unknown[]) ?? [])
        .map(r => str(at(r, 'name')))
        .filter((n): n is string => Boolean(n));
      plurals.set(group, new Set(names));
    }
    const result = new Map<CapiKind, string>();
    for (const r of RESOURCES) {
      const version = chosen.get(r.group);
      if (version && plurals.get(r.group)?.has(r.plural)) {
        result.set(r.kind, version);
      }
    }
    return result;
  }

  /**
   * Repeats API discovery; when the served versions or kinds changed,
   * replaces the watchers (kinds no longer served are dropped from the
   * cache). Never throws.
   */
  rediscover(): Promise<void> {
    this.#rediscovering ??= this.#rediscover().finally(() => {
      this.#rediscovering = undefined;
    });
    return this.#rediscovering;
  }

  async #rediscover(): Promise<void> {
    const transport = this.#transport;
    if (!transport || this.#stopped || !this.#versions) return;
    let versions: Map<CapiKind, string>;
    try {
      versions = await this.#discover(transport);
    } catch (error) {
      this.#options.logger.debug(
        `Management cluster ${this.name}: rediscovery failed: ${errorMessage(
          error,
        )}`,
      );
      return;
    }
    const current = this.#versions;
    const same =
      versions.size === current.size &&
      [...versions].every(([kind, v]) => current.get(kind) === v);
    if (same || this.#stopped) return;
    this.#options.logger.info(
      `Management cluster ${this.name}: served CAPI versions changed to ${[
        ...versions,
      ]
        .map(([k, v]) => `${k}@${v}`)
        .join(', ')}; restarting watches`,
    );
    const old = this.#watchers;
    this.#watchers = [];
    await Promise.all(old.map(w => w.watcher.stop()));
    for (const kind of current.keys()) {
      if (!versions.has(kind))
        this.#options.index.replaceKind(this.name, kind, []);
    }
    if (!this.#stopped) this.#startWatchers(transport, versions);
  }

  #startWatchers(
    transport: KubernetesTransport,
    versions: Map<CapiKind, string>,
  ) {
    const { index } = this.#options;
    this.#versions = versions;
    for (const resource of RESOURCES) {
      const version = versions.get(resource.kind);
      if (!version) continue;
      const record: {
        resource: WatchedResource;
        watcher: ResourceWatcher;
        lastError?: string;
        notFound: number;
      } = {
        resource,
        watcher: undefined as unknown as ResourceWatcher,
        notFound: 0,
      };
      const trim = (object: unknown) => {
        try {
          return resource.normalise(object, version, this.#options.trim ?? {});
        } catch (error) {
          // A garbage object is skipped, never fatal.
          this.#options.logger.debug(
            `Management cluster ${this.name}: skipped a ${resource.kind}: ${error}`,
          );
          return undefined;
        }
      };
      record.watcher = ResourceWatcher.create({
        transport,
        path: `/apis/${resource.group}/${version}/${resource.plural}`,
        timings: this.#options.timings,
        handlers: {
          onReplace: items => {
            const objects = items
              .map(trim)
              .filter((o): o is TrimmedObject => Boolean(o));
            index.replaceKind(this.name, resource.kind, objects);
            record.lastError = undefined;
            this.#updateState();
          },
          onUpsert: item => {
            const object = trim(item);
            if (object) {
              index.upsert(this.name, object);
            } else {
              // An object we cannot read replaces nothing; if it was readable before, drop it.
              const ns = str(at(item, 'metadata', 'namespace'));
              const name = str(at(item, 'metadata', 'name'));
              if (ns && name) index.remove(this.name, resource.kind, ns, name);
            }
            this.#lastEventAt = this.#now();
          },
          onDelete: item => {
            const ns = str(at(item, 'metadata', 'namespace'));
            const name = str(at(item, 'metadata', 'name'));
            if (ns && name) index.remove(this.name, resource.kind, ns, name);
            this.#lastEventAt = this.#now();
          },
          onContact: () => {
            this.#lastContactAt = this.#now();
            record.lastError = undefined;
            record.notFound = 0;
            this.#updateState();
          },
          onError: (error, retryInMs) => {
            if (error instanceof KubernetesApiError && error.status === 404) {
              // The resource went away, e.g. a CAPI upgrade stopped serving v1beta1.
              record.notFound++;
              if (record.notFound >= 3) this.rediscover();
            }
            // Viewers see a short safe reason; the detail goes to the log.
            record.lastError = connectionErrorReason(error);
            this.#recordError(`${resource.plural}: ${record.lastError}`);
            this.#options.logger.warn(
              `Management cluster ${this.name}: ${
                resource.plural
              } list/watch failed: ${errorMessage(
                error,
              )}; retrying in ${retryInMs} ms`,
            );
          },
        },
      });
      this.#watchers.push(record);
      record.watcher.start();
    }
  }

  #recordError(message: string) {
    this.#lastError = message;
    this.#lastErrorAt = this.#now();
    this.#updateState();
  }

  /**
   * The state alone (what `health()` reports as `state`), without building
   * the rest: API answers ask it of every management cluster per request.
   */
  state(): ManagementClusterState {
    return this.#computeState();
  }

  #computeState(): ManagementClusterState {
    if (this.#watchers.length === 0) {
      return this.#discoveryError ? 'down' : 'connecting';
    }
    let failing = 0;
    let synced = true;
    for (const w of this.#watchers) {
      if (w.lastError || w.watcher.failures > 0) failing++;
      if (!w.watcher.synced) synced = false;
    }
    if (failing === this.#watchers.length) return 'down';
    if (failing > 0) return 'degraded';
    return synced ? 'synced' : 'connecting';
  }

  #updateState() {
    const state = this.#computeState();
    if (state === 'synced' && this.#state !== 'synced') {
      this.#lastSyncAt = this.#now();
    }
    if (state === 'synced') {
      this.#lastSyncAt = this.#now();
    }
    if (state !== this.#state) {
      this.#state = state;
      this.#options.logger.info(`Management cluster ${this.name} is ${state}`);
      this.#options.onHealthChange?.(this.health());
    }
  }

  /**
   * Whether its data is stale: not in full contact, and not heard from
   * within the staleness window.
   */
  staleness(): { stale: boolean; reason?: string; since?: string } {
    const state = this.#computeState();
    if (state === 'synced') return { stale: false };
    const lastContact = this.#lastContactAt ?? this.#startedAt;
    if (this.#now() - lastContact < this.#options.staleAfterMs)
      return { stale: false };
    const since = new Date(
      this.#lastContactAt ?? this.#startedAt,
    ).toISOString();
    const reason = this.#lastError
      ? `Management cluster ${this.name} not reachable since ${since}: ${
          this.#lastError
        }`
      : `Management cluster ${this.name} not heard from since ${since}`;
    return { stale: true, reason, since };
  }

  health(): ManagementClusterHealth {
    const counts = this.#options.index.counts(this.name);
    const iso = (t?: number) =>
      t === undefined ? undefined : new Date(t).toISOString();
    const health: ManagementClusterHealth = {
      name: this.name,
      title: this.title,
      state: this.#computeState(),
      stale: this.staleness().stale,
      clusterCount: counts.clusters,
      machineCount: counts.machines,
    };
    if (this.#apiVersion) health.apiVersion = this.#apiVersion;
    const lastEventAt = iso(this.#lastEventAt ?? this.#lastContactAt);
    if (lastEventAt) health.lastEventAt = lastEventAt;
    const lastSyncAt = iso(this.#lastSyncAt);
    if (lastSyncAt) health.lastSyncAt = lastSyncAt;
    if (this.#lastError) {
      health.lastError = this.#lastError;
      health.lastErrorAt = iso(this.#lastErrorAt);
    }
    return health;
  }
}
