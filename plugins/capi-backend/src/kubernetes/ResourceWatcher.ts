import {
  KubernetesApiError,
  KubernetesTransport,
  WatchEvent,
} from './KubernetesClient';

/**
 * What a ResourceWatcher reports to its owner.
 *
 * @public
 */
export interface ResourceWatcherHandlers {
  /** A complete list arrived: these are all objects now (replaces previous state). */
  onReplace(items: unknown[]): void;
  onUpsert(item: unknown): void;
  onDelete(item: unknown): void;
  /** The API server was heard from (list page, watch connected, event, bookmark). */
  onContact?(): void;
  /** A list or watch failed; the watcher retries by itself. */
  onError?(error: Error, retryInMs: number): void;
}

/**
 * Timings of a ResourceWatcher; defaults suit production, tests shorten them.
 *
 * @public
 */
export interface ResourceWatcherTimings {
  /** Objects per list page. Default 500. */
  pageSize: number;
  /**
   * A healthy watch is restarted (from its resourceVersion) after this long,
   * plus up to 50 % jitter, so that half-dead connections cannot hang it
   * forever. Default 5 minutes.
   */
  restartIntervalMs: number;
  /** First retry delay after an error. Default 500 ms. */
  initialBackoffMs: number;
  /** Largest retry delay. Default 30 s. */
  maxBackoffMs: number;
}

/** @public */
export const DEFAULT_WATCHER_TIMINGS: ResourceWatcherTimings = {
  pageSize: 500,
  restartIntervalMs: 5 * 60_000,
  initialBackoffMs: 500,
  maxBackoffMs: 30_000,
};

/**
 * Counters that tests and health reports read.
 *
 * @public
 */
export interface ResourceWatcherStats {
  lists: number;
  listPages: number;
  watches: number;
  bookmarks: number;
  periodicRestarts: number;
  errors: number;
  relistsAfterGone: number;
}

function isGone(error: unknown): boolean {
  return error instanceof KubernetesApiError && error.status === 410;
}

function readResourceVersion(obj: unknown): string | undefined {
  const rv = (obj as { metadata?: { resourceVersion?: unknown } } | null)
    ?.metadata?.resourceVersion;
  return typeof rv === 'string' && rv !== '' ? rv : undefined;
}

/**
 * One list+watch loop for one resource of one API server. Unlike
 * `@kubernetes/client-node`'s informer it never gives up: lists are paged
 * (limit/continue), watches ask for bookmarks, a 410 Gone relists at once,
 * any other failure retries with exponential backoff and jitter, and a
 * healthy watch is restarted periodically.
 *
 * @public
 */
export class ResourceWatcher {
  readonly #transport: KubernetesTransport;
  readonly #path: string;
  readonly #handlers: ResourceWatcherHandlers;
  readonly #timings: ResourceWatcherTimings;
  readonly #random: () => number;
  #abort?: AbortController;
  #running?: Promise<void>;
  #resourceVersion?: string;
  #synced = false;
  #connected = false;
  #failures = 0;
  #eventCount = 0;
  /** Consecutive watches that ended at once; they count towards backoff. */
  #shortWatches = 0;
  readonly stats: ResourceWatcherStats = {
    lists: 0,
    listPages: 0,
    watches: 0,
    bookmarks: 0,
    periodicRestarts: 0,
    errors: 0,
    relistsAfterGone: 0,
  };

  static create(options: {
    transport: KubernetesTransport;
    /** Collection path, e.g. `/apis/cluster.x-k8s.io/v1beta2/clusters`. */
    path: string;
    handlers: ResourceWatcherHandlers;
    timings?: Partial<ResourceWatcherTimings>;
    random?: () => number;
  }): ResourceWatcher {
    return new ResourceWatcher(options);
  }

  private constructor(options: {
    transport: KubernetesTransport;
    path: string;
    handlers: ResourceWatcherHandlers;
    timings?: Partial<ResourceWatcherTimings>;
    random?: () => number;
  }) {
    this.#transport = options.transport;
    this.#path = options.path;
    this.#handlers = options.handlers;
    // Unset values (e.g. from optional config) keep their defaults.
    const timings = { ...DEFAULT_WATCHER_TIMINGS };
    for (const [key, value] of Object.entries(options.timings ?? {})) {
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
        timings[key as keyof ResourceWatcherTimings] = value;
      }
    }
    this.#timings = timings;
    this.#random = options.random ?? Math.random;
  }

  get path(): string {
    return this.#path;
  }

  /** The timings in force, defaults filled in. */
  get timings(): Readonly<ResourceWatcherTimings> {
    return this.#timings;
  }

  /** Whether a complete list has been delivered since start. */
  get synced(): boolean {
    return this.#synced;
  }

  /** Whether a watch is established right now. */
  get connected(): boolean {
    return this.#connected;
  }

  /** Consecutive failures since the last success. */
  get failures(): number {
    return this.#failures;
  }

  start(): void {
    if (this.#running) {
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    this.#running = this.#loop(abort.signal);
  }

  async stop(): Promise<void> {
    this.#abort?.abort();
    await this.#running;
    this.#running = undefined;
    this.#connected = false;
  }

  async #loop(stopSignal: AbortSignal): Promise<void> {
    while (!stopSignal.aborted) {
      try {
        if (!this.#resourceVersion) {
          await this.#list(stopSignal);
        }
        await this.#watch(stopSignal);
      } catch (error) {
        this.#connected = false;
        if (stopSignal.aborted) {
          return;
        }
        if (isGone(error) && this.#resourceVersion !== undefined) {
          // Our resourceVersion is too old: start over with a fresh list.
          // (A 410 on the list itself, an expired continue token, takes the
          // backoff path below so that it can never spin.)
          this.#resourceVersion = undefined;
          this.stats.relistsAfterGone++;
          continue;
        }
        this.stats.errors++;
        // A connected-then-dropped watch resets failures on connect, so
        // count short watches separately to keep the backoff growing.
        this.#failures = Math.max(this.#failures + 1, this.#shortWatches);
        const delay = this.#backoff();
        this.#handlers.onError?.(error as Error, delay);
        await sleep(delay, stopSignal);
      }
    }
  }

  #backoff(): number {
    const { initialBackoffMs, maxBackoffMs } = this.#timings;
    const exp = Math.min(
      maxBackoffMs,
      initialBackoffMs * 2 ** Math.min(this.#failures - 1, 20),
    );
    // Jitter spreads reconnects of many watchers after a shared outage.
    return Math.round(exp * (0.5 + this.#random() * 0.5));
  }

  async #list(stopSignal: AbortSignal): Promise<void> {
    this.stats.lists++;
    const items: unknown[] = [];
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    do {
      const query = new URLSearchParams({
        limit: String(this.#timings.pageSize),
      });
      if (continueToken) {
        query.set('continue', continueToken);
      }
      const page = (await this.#transport.getJson(`${this.#path}?${query}`, {
        signal: stopSignal,
      })) as {
        items?: unknown;
        metadata?: { continue?: unknown; resourceVersion?: unknown };
      };
      this.stats.listPages++;
      this.#handlers.onContact?.();
      if (!page || typeof page !== 'object' || !Array.isArray(page.items)) {
        throw new KubernetesApiError(
          `list of ${this.#path} has no items array`,
        );
      }
      items.push(...page.items);
      continueToken =
        typeof page.metadata?.continue === 'string' &&
        page.metadata.continue !== ''
          ? page.metadata.continue
          : undefined;
      resourceVersion = readResourceVersion(page);
    } while (continueToken);
    if (!resourceVersion) {
      throw new KubernetesApiError(
        `list of ${this.#path} has no resourceVersion`,
      );
    }
    this.#resourceVersion = resourceVersion;
    this.#failures = 0;
    this.#handlers.onReplace(items);
    this.#synced = true;
  }

  async #watch(stopSignal: AbortSignal): Promise<void> {
    const { restartIntervalMs } = this.#timings;
    const lifetimeMs = Math.round(
      restartIntervalMs * (1 + this.#random() * 0.5),
    );
    const watchAbort = new AbortController();
    const onStop = () => watchAbort.abort();
    stopSignal.addEventListener('abort', onStop);
    let restarted = false;
    const timer = setTimeout(() => {
      restarted = true;
      watchAbort.abort();
    }, lifetimeMs);
    const query = new URLSearchParams({
      watch: 'true',
      allowWatchBookmarks: 'true',
      resourceVersion: this.#resourceVersion!,
      timeoutSeconds: String(Math.max(1, Math.ceil(lifetimeMs / 1000) + 5)),
    });
    this.stats.watches++;
    const startedAt = Date.now();
    const eventsBefore = this.#eventCount;
    try {
      await this.#transport.watch(
        `${this.#path}?${query}`,
        event => this.#onEvent(event),
        {
          signal: watchAbort.signal,
          onConnected: () => {
            this.#connected = true;
            this.#failures = 0;
            this.#handlers.onContact?.();
          },
        },
      );
    } finally {
      clearTimeout(timer);
      stopSignal.removeEventListener('abort', onStop);
      this.#connected = false;
    }
    if (restarted) {
      this.stats.periodicRestarts++;
      this.#shortWatches = 0;
      return;
    }
    if (
      !stopSignal.aborted &&
      this.#eventCount === eventsBefore &&
      Date.now() - startedAt < 1000
    ) {
      this.#shortWatches++;
      // A server or proxy that ends every watch at once would otherwise make
      // this loop spin; back off as for any other failure.
      throw new KubernetesApiError(
        `watch of ${this.#path} ended immediately without events`,
      );
    }
    this.#shortWatches = 0;
    // Stream ended (server timeout or dropped): watch again from the last
    // resourceVersion seen.
  }

  #onEvent(event: WatchEvent): void {
    this.#eventCount++;
    if (event.type === 'ERROR') {
      const status = event.object as {
        code?: unknown;
        message?: unknown;
      } | null;
      const code = typeof status?.code === 'number' ? status.code : undefined;
      const message =
        typeof status?.message === 'string' ? status.message : 'watch error';
      throw new KubernetesApiError(`watch of ${this.#path}: ${message}`, code);
    }
    const rv = readResourceVersion(event.object);
    this.#handlers.onContact?.();
    if (event.type === 'BOOKMARK') {
      this.stats.bookmarks++;
    } else if (event.type === 'DELETED') {
      this.#handlers.onDelete(event.object);
    } else {
      this.#handlers.onUpsert(event.object);
    }
    if (rv) {
      this.#resourceVersion = rv;
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve();
      return;
    }
    let onAbort = () => {};
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
