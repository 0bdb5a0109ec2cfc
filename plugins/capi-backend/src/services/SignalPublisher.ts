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
 * Pushes cluster changes to browsers (Backstage signals: one message per
 * changed cluster's channel, per linked entity's channel and on the fleet
 * channel) and to other plugins (events topic `capstan.capi.clusters`),
 * debounced so that a relist of thousands of objects sends one batch.
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

  async #publishSignals(
    changed: string[],
    removed: string[] = [],
    removedEntities = new Map<string, string[]>(),
  ): Promise<void> {
    if (!this.#signals) return;
    const signals = this.#signals;
    const all = [...changed, ...removed];
    const publish = (channel: string, clusterIds: string[]) => {
      const message: CapiSignalMessage = {
        type: 'clusters-changed',
        clusterIds,
      };
      return signals.publish({
        recipients: { type: 'broadcast' },
        channel,
        message: message as unknown as Record<string, string[] | string>,
      });
    };
    const byEntity = new Map<string, string[]>();
    for (const id of changed) {
      for (const ref of this.#entitiesOf(id)) {
        byEntity.set(ref, [...(byEntity.get(ref) ?? []), id]);
      }
    }
    for (const id of removed) {
      for (const ref of removedEntities.get(id) ?? []) {
        byEntity.set(ref, [...(byEntity.get(ref) ?? []), id]);
      }
    }
    const work: Array<Promise<void>> = [
      publish(CAPI_SIGNAL_CHANNELS.fleet, all),
    ];
    // Per-cluster channels only for small batches: a relist must not flood the bus.
    if (all.length <= 100) {
      for (const id of all)
        work.push(publish(CAPI_SIGNAL_CHANNELS.cluster(id), [id]));
    }
    for (const [ref, ids] of byEntity) {
      work.push(publish(CAPI_SIGNAL_CHANNELS.entity(ref), ids));
    }
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
   * cards of its clusters that their staleness may have: cluster and
   * entity channels get a change for every cluster of that management
   * cluster. The events topic is left alone: entities don't carry staleness.
   */
  async managementClusterChanged(managementCluster?: string): Promise<void> {
    if (!this.#signals) return;
    const message: CapiSignalMessage = {
      type: 'management-cluster-changed',
      clusterIds: [],
    };
    await this.#signals.publish({
      recipients: { type: 'broadcast' },
      channel: CAPI_SIGNAL_CHANNELS.fleet,
      message: message as unknown as Record<string, string[] | string>,
    });
    if (managementCluster) {
      await this.#publishSignals(
        this.#index.idsForManagementCluster(managementCluster),
      );
    }
  }

  stop() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#events?.stop();
  }
}
