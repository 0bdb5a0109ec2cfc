import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  CAPI_EVENT_TOPICS,
  CapiClustersChangedEventPayload,
} from '@capstan/plugin-capi-common';
import { backOff } from 'exponential-backoff';

/**
 * Timings of {@link ClusterEventDelivery}.
 *
 * @public
 */
export interface ClusterEventDeliveryOptions {
  /** Attempts per batch, first one included. Default 5. */
  attempts?: number;
  /** Wait before the second attempt; doubles per attempt. Default 1 s. */
  initialDelayMs?: number;
  /** Longest wait between attempts. Default 30 s. */
  maxDelayMs?: number;
  /**
   * How long to wait for one publish (slow subscribers included) before
   * moving on to the next batch. The publish is not repeated: it may still
   * arrive. Default 30 s.
   */
  attemptTimeoutMs?: number;
}

class PublishTimeout extends Error {}

/**
 * Hands cluster changes to other plugins (events topic
 * `capstan.capi.clusters`) in the background, one batch at a time and in
 * order: changes that arrive while a batch is being delivered are merged
 * into the next batch. A failing publish (events backend answering 503,
 * say) is retried with backoff a bounded number of times, then dropped with
 * a log line; the catalog's scheduled full refresh catches up then. Nothing
 * waits for it: browsers' live updates go out on their own.
 *
 * @public
 */
export class ClusterEventDelivery {
  readonly #events: EventsService;
  readonly #logger: LoggerService;
  readonly #attempts: number;
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #attemptTimeoutMs: number;
  #changed = new Set<string>();
  #removed = new Set<string>();
  #running?: Promise<void>;
  #stopped = false;

  constructor(
    options: {
      events: EventsService;
      logger: LoggerService;
    } & ClusterEventDeliveryOptions,
  ) {
    this.#events = options.events;
    this.#logger = options.logger;
    this.#attempts = Math.max(1, options.attempts ?? 5);
    this.#initialDelayMs = options.initialDelayMs ?? 1_000;
    this.#maxDelayMs = options.maxDelayMs ?? 30_000;
    this.#attemptTimeoutMs = options.attemptTimeoutMs ?? 30_000;
  }

  /** Queues changes for delivery; returns at once. */
  enqueue(changed: string[], removed: string[]): void {
    if (this.#stopped) return;
    for (const id of changed) {
      this.#changed.add(id);
      this.#removed.delete(id);
    }
    for (const id of removed) {
      this.#removed.add(id);
      this.#changed.delete(id);
    }
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves once everything queued so far was delivered or given up. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Drops queued batches and stops retrying. */
  stop(): void {
    this.#stopped = true;
    this.#changed.clear();
    this.#removed.clear();
  }

  async #drain(): Promise<void> {
    while (
      !this.#stopped &&
      (this.#changed.size > 0 || this.#removed.size > 0)
    ) {
      const payload: CapiClustersChangedEventPayload = {
        changed: [...this.#changed],
        removed: [...this.#removed],
      };
      this.#changed = new Set();
      this.#removed = new Set();
      await this.#deliver(payload);
    }
  }

  async #deliver(payload: CapiClustersChangedEventPayload): Promise<void> {
    const size = payload.changed.length + payload.removed.length;
    try {
      await backOff(() => this.#publishOnce(payload), {
        numOfAttempts: this.#attempts,
        startingDelay: this.#initialDelayMs,
        maxDelay: this.#maxDelayMs,
        jitter: 'full',
        // Called with the number of failed attempts so far.
        retry: (error: unknown, failed: number) => {
          if (this.#stopped || error instanceof PublishTimeout) return false;
          if (failed >= this.#attempts) return false;
          this.#logger.warn(
            `Publishing ${size} cluster changes on ${
              CAPI_EVENT_TOPICS.clusters
            } failed (attempt ${failed} of ${
              this.#attempts
            }), retrying: ${describe(error)}`,
          );
          return true;
        },
      });
    } catch (error) {
      if (this.#stopped) return;
      if (error instanceof PublishTimeout) {
        this.#logger.warn(
          `Publishing ${size} cluster changes on ${
            CAPI_EVENT_TOPICS.clusters
          } took longer than ${
            this.#attemptTimeoutMs
          } ms; moving on without waiting for its subscribers`,
        );
        return;
      }
      this.#logger.error(
        `Gave up publishing ${size} cluster changes on ${
          CAPI_EVENT_TOPICS.clusters
        } after ${
          this.#attempts
        } attempts; subscribers such as the catalog catch up at their next full refresh: ${describe(
          error,
        )}`,
      );
    }
  }

  async #publishOnce(payload: CapiClustersChangedEventPayload): Promise<void> {
    if (this.#stopped) throw new Error('stopped'); // a retry after stop()
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new PublishTimeout()),
        this.#attemptTimeoutMs,
      );
    });
    try {
      await Promise.race([
        this.#events.publish({
          topic: CAPI_EVENT_TOPICS.clusters,
          eventPayload: payload,
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
