import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  CAPI_SIGNAL_CHANNELS,
  CapiSignalMessage,
} from '@capstan/plugin-capi-common';
import {
  ClusterEventDelivery,
  ClusterEventDeliveryOptions,
} from './ClusterEventDelivery';
import type { FleetIndex } from './FleetIndex';
import type { RecentEntityLinks } from './RecentEntityLinks';

/**
 * Pushes cluster changes to browsers (Backstage signals: a `refresh` notice
 * on the fleet channel and on each linked entity's channel, naming no
 * cluster) and to other plugins (events topic `capstan.capi.clusters`, with
 * ids: only backend plugins subscribe to it), debounced so that a relist of
 * thousands of objects sends one batch.
 *
 * Browsers never wait for other plugins: signals go out first, and the
 * events topic is delivered in the background by a
 * {@link ClusterEventDelivery} (bounded retries, logged), so an events
 * backend answering 503 or a slow subscriber does not delay or drop them.
 *
 * @public
 */
export class SignalPublisher {
  readonly #index: FleetIndex;
  readonly #signals?: SignalsService;
  readonly #events?: ClusterEventDelivery;
  readonly #logger: LoggerService;
  readonly #debounceMs: number;
  readonly #entityLinks?: RecentEntityLinks;
  #changed = new Set<string>();
  #removed = new Set<string>();
  /** Entity links of removed clusters, captured while the index still knows them. */
  #removedEntities = new Map<string, string[]>();
  #timer?: NodeJS.Timeout;

  constructor(options: {
    index: FleetIndex;
    signals?: SignalsService;
    events?: EventsService;
    logger: LoggerService;
    debounceMs?: number;
    /** Entity-side links (annotations, selectors, relations) of recently viewed entities. */
    entityLinks?: RecentEntityLinks;
    /** Retries and timeouts of the events topic delivery. */
    eventDelivery?: ClusterEventDeliveryOptions;
  }) {
    this.#entityLinks = options.entityLinks;
    this.#index = options.index;
    this.#signals = options.signals;
    this.#events = options.events
      ? new ClusterEventDelivery({
          events: options.events,
          logger: options.logger,
          ...options.eventDelivery,
        })
      : undefined;
    this.#logger = options.logger;
    this.#debounceMs = options.debounceMs ?? 250;
    this.#index.onChange((changed, removed) => this.#collect(changed, removed));
  }

  #collect(changed: string[], removed: string[]) {
    for (const id of changed) {
      this.#changed.add(id);
      this.#removed.delete(id);
    }
    for (const id of removed) {
      this.#removed.add(id);
      this.#changed.delete(id);
      this.#removedEntities.set(id, this.#entitiesOf(id));
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch(error =>
        this.#logger.warn(`Publishing cluster changes failed: ${error}`),
      );
    }, this.#debounceMs);
  }

  #entitiesOf(id: string): string[] {
    const refs = this.#index.entityRefsOfCluster(id);
    const viewed = this.#entityLinks?.entitiesOf(id) ?? [];
    return viewed.length === 0 ? refs : [...new Set([...refs, ...viewed])];
  }

  async flush(): Promise<void> {
    const changed = [...this.#changed];
    const removed = [...this.#removed];
    const removedEntities = this.#removedEntities;
    this.#changed = new Set();
    this.#removed = new Set();
    this.#removedEntities = new Map();
    if (changed.length === 0 && removed.length === 0) return;

    // Signals are handed over first; the events topic is queued and never
    // awaited, so other plugins' delivery cannot hold up users' updates.
    const signalling = this.#publishSignals(changed, removed, removedEntities);
    this.#events?.enqueue(changed, removed);
    await signalling;
  }

  /** Resolves once the events topic has everything flushed so far (or gave up). */
  async eventsDelivered(): Promise<void> {
    await this.#events?.idle();
  }

  /**
   * One `refresh` notice per channel: the fleet channel and the channels of
   * the entities linked to the clusters. Any signed-in user can subscribe
   * to any channel, so a notice names no cluster; browsers refetch through
   * the REST API, which answers with what the user may read.
   */
  async #publishSignals(
    changed: string[],
    removed: string[] = [],
    removedEntities = new Map<string, string[]>(),
  ): Promise<void> {
    if (!this.#signals) return;
    const signals = this.#signals;
    const channels = new Set<string>([CAPI_SIGNAL_CHANNELS.fleet]);
    for (const id of changed) {
      for (const ref of this.#entitiesOf(id)) {
        channels.add(CAPI_SIGNAL_CHANNELS.entity(ref));
      }
    }
    for (const id of removed) {
      for (const ref of removedEntities.get(id) ?? []) {
        channels.add(CAPI_SIGNAL_CHANNELS.entity(ref));
      }
    }
    const message: CapiSignalMessage = { type: 'refresh' };
    const work = [...channels].map(channel =>
      signals.publish({
        recipients: { type: 'broadcast' },
        channel,
        message: { ...message },
      }),
    );
    // One failing channel must not hide the others' failures or successes.
    const failed = (await Promise.allSettled(work)).filter(
      r => r.status === 'rejected',
    );
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} of ${work.length} signals failed: ${
          (failed[0] as PromiseRejectedResult).reason
        }`,
      );
    }
  }

  /**
   * Tells fleet pages that a management cluster's health changed, and the
   * cards of its clusters that their staleness may have (a notice on every
   * entity channel linked to a cluster of that management cluster). The
   * events topic is left alone: entities don't carry staleness.
   */
  async managementClusterChanged(managementCluster?: string): Promise<void> {
    await this.#publishSignals(
      managementCluster
        ? this.#index.idsForManagementCluster(managementCluster)
        : [],
    );
  }

  /**
   * A `refresh` notice for the cards of these clusters and the fleet page,
   * e.g. when a change request moved on; the notice names no cluster.
   */
  async clustersChanged(ids: string[]): Promise<void> {
    await this.#publishSignals(ids);
  }

  stop() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#events?.stop();
  }
}
