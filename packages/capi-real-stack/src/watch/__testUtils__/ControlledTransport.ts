import type {
  KubernetesTransport,
  WatchEvent,
} from '@capstan/plugin-capi-backend';

/**
 * Wraps capi-backend's own transport to see and steer what its watcher does:
 * records every watch request and event, can end the open stream (as a
 * dropped connection does) and can hold new watches back (as an unreachable
 * API server does) until `resume`.
 */
export class ControlledTransport implements KubernetesTransport {
  readonly watchPaths: string[] = [];
  readonly events: WatchEvent[] = [];
  /** HTTP status codes of failed watches and of ERROR events. */
  readonly errorCodes: number[] = [];
  #current?: AbortController;
  #held?: Promise<void>;
  #release?: () => void;
  /**
   * Overrides the watch's `timeoutSeconds`: kube-apiserver sends a bookmark
   * 2 s before a watch times out (and otherwise about once a minute).
   */
  timeoutSeconds?: number;
  /** Called for every event after the watcher saw it; `end` drops the stream. */
  onEvent?: (event: WatchEvent, end: () => void) => void;

  constructor(private readonly inner: KubernetesTransport) {}

  getJson(path: string, options?: { signal?: AbortSignal }) {
    return this.inner.getJson(path, options);
  }

  async watch(
    path: string,
    onEvent: (event: WatchEvent) => void,
    options: { signal: AbortSignal; onConnected?: () => void },
  ): Promise<void> {
    if (this.#held) await this.#held;
    this.watchPaths.push(path);
    let sent = path;
    if (this.timeoutSeconds !== undefined) {
      const url = new URL(path, 'https://x');
      url.searchParams.set('timeoutSeconds', String(this.timeoutSeconds));
      sent = `${url.pathname}?${url.searchParams}`;
    }
    const own = new AbortController();
    const abort = () => own.abort();
    options.signal.addEventListener('abort', abort);
    this.#current = own;
    try {
      await this.inner.watch(
        sent,
        event => {
          this.events.push(event);
          const code = (event.object as { code?: unknown } | null)?.code;
          if (event.type === 'ERROR' && typeof code === 'number') {
            this.errorCodes.push(code);
          }
          if (own.signal.aborted) return;
          onEvent(event);
          this.onEvent?.(event, () => own.abort());
        },
        { signal: own.signal, onConnected: options.onConnected },
      );
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (typeof status === 'number') this.errorCodes.push(status);
      throw error;
    } finally {
      options.signal.removeEventListener('abort', abort);
    }
  }

  /** Ends the open watch stream and holds new ones back until `resume`. */
  hold() {
    this.#held = new Promise(resolve => {
      this.#release = resolve;
    });
    this.#current?.abort();
  }

  resume() {
    this.#release?.();
    this.#held = undefined;
  }

  close() {
    this.resume();
    this.inner.close();
  }
}

/** The `resourceVersion` a watch request asked for. */
export function resourceVersionOf(watchPath: string): string | undefined {
  return (
    new URL(watchPath, 'https://x').searchParams.get('resourceVersion') ??
    undefined
  );
}
