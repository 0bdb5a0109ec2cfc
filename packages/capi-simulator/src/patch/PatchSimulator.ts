import { DEFAULT_PATCH_ANNOTATIONS } from '@capstan/plugin-capi-common';
import { RESOURCES } from '../reconciler/capiMeta';
import { seededRandom } from '../seed/random';
import { InMemoryObjectStore, rfc3339 } from '../store/InMemoryObjectStore';
import { KubeObject, PatchControls } from '../types';

/** Simulated seconds between automatic security releases, and from a release to the patch window. */
export const PATCH_SCHEDULE_SECONDS = { releaseEvery: 600, windowAfter: 180 };

export interface PatchSimulatorOptions {
  store: InMemoryObjectStore;
  seed: number;
  timeScale: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

const A = DEFAULT_PATCH_ANNOTATIONS;

/** `6.8.0-49-generic` → `6.8.0-50-generic`: the kernel a node runs after a patch reboot. */
function bumpKernel(kernel: string | undefined): string | undefined {
  return kernel?.replace(
    /^(\d+\.\d+\.\d+-)(\d+)/,
    (_, head: string, build: string) => `${head}${Number(build) + 1}`,
  );
}

/**
 * Plays the company's patch management system: security releases make every
 * node pending, patch windows patch them (some need a reboot afterwards), and
 * a share of laggards stays pending until it becomes overdue. It writes the
 * annotations the backend's built-in patch state provider reads.
 */
export class PatchSimulator implements PatchControls {
  readonly #store: InMemoryObjectStore;
  readonly #random: () => number;
  readonly #timeScale: number;
  readonly #now: () => Date;
  readonly #onError: (error: unknown) => void;
  #timers: NodeJS.Timeout[] = [];

  constructor(options: PatchSimulatorOptions) {
    this.#store = options.store;
    this.#random = seededRandom(options.seed ^ 0x5eed);
    this.#timeScale = options.timeScale;
    this.#now = options.now ?? (() => new Date());
    this.#onError = options.onError ?? (() => {});
  }

  #machines(): KubeObject[] {
    return this.#store.list(RESOURCES.machines);
  }

  securityRelease(opts: { at?: Date } = {}): void {
    const at = opts.at ?? this.#now();
    if (Number.isNaN(at.getTime())) {
      throw new TypeError('securityRelease needs a valid date');
    }
    const since = rfc3339(at);
    for (const machine of this.#machines()) {
      if (machine.metadata.deletionTimestamp) continue;
      const annotations = machine.metadata.annotations ?? {};
      const security = 1 + Math.floor(this.#random() * 4);
      const previousSince = annotations[A.securityPendingSince];
      this.#store.mergePatch(
        RESOURCES.machines,
        machine.metadata.namespace,
        machine.metadata.name,
        {
          metadata: {
            annotations: {
              [A.pendingSecurityUpdates]: String(
                Number(annotations[A.pendingSecurityUpdates] ?? 0) + security,
              ),
              [A.pendingUpdates]: String(
                Number(annotations[A.pendingUpdates] ?? 0) +
                  security +
                  Math.floor(this.#random() * 8),
              ),
              // The oldest pending release counts.
              [A.securityPendingSince]:
                previousSince && previousSince < since ? previousSince : since,
            },
          },
        },
      );
    }
  }

  runPatchWindow(opts: { lagShare?: number } = {}): void {
    const lagShare = opts.lagShare ?? 0.1;
    if (!(lagShare >= 0 && lagShare <= 1)) {
      throw new TypeError('lagShare must be between 0 and 1');
    }
    const now = rfc3339(this.#now());
    for (const machine of this.#machines()) {
      const annotations = machine.metadata.annotations ?? {};
      const pending =
        Number(annotations[A.pendingUpdates] ?? 0) +
        Number(annotations[A.pendingSecurityUpdates] ?? 0);
      const needsReboot = annotations[A.rebootRequired] === 'true';
      if (machine.metadata.deletionTimestamp || (pending === 0 && !needsReboot))
        continue;
      if (this.#random() < lagShare) continue; // a laggard: stays pending
      // Most nodes reboot within the window; some defer the reboot.
      const deferReboot = this.#random() < 0.15;
      const nodeInfo = (
        machine.status as { nodeInfo?: { kernelVersion?: string } } | undefined
      )?.nodeInfo;
      this.#store.mergePatch(
        RESOURCES.machines,
        machine.metadata.namespace,
        machine.metadata.name,
        {
          metadata: {
            annotations: {
              [A.lastPatched]: now,
              [A.pendingUpdates]: '0',
              [A.pendingSecurityUpdates]: '0',
              [A.securityPendingSince]: null,
              [A.rebootRequired]: deferReboot ? 'true' : 'false',
            },
          },
          ...(nodeInfo && !deferReboot
            ? {
                status: {
                  nodeInfo: {
                    kernelVersion: bumpKernel(nodeInfo.kernelVersion),
                  },
                },
              }
            : {}),
        },
      );
    }
  }

  /** Releases and patch windows on a schedule, in simulated time. */
  start() {
    const releaseMs =
      (PATCH_SCHEDULE_SECONDS.releaseEvery * 1000) / this.#timeScale;
    const windowMs =
      (PATCH_SCHEDULE_SECONDS.windowAfter * 1000) / this.#timeScale;
    const guard = (fn: () => void) => () => {
      try {
        fn();
      } catch (error) {
        this.#onError(error);
      }
    };
    const interval = setInterval(
      guard(() => {
        this.securityRelease();
        const window = setTimeout(
          guard(() => this.runPatchWindow()),
          windowMs,
        );
        window.unref?.();
        this.#timers.push(window);
        this.#timers = this.#timers.slice(-4);
      }),
      releaseMs,
    );
    interval.unref?.();
    this.#timers.push(interval);
  }

  stop() {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
  }
}
