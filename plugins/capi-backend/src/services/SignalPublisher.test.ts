import { mockServices } from '@backstage/backend-test-utils';
import { cluster } from '../__testUtils__/fixtures';
import { normaliseCluster } from '../normalise';
import type { TrimmedCluster } from '../normalise/types';
import { FleetIndex } from './FleetIndex';
import { RecentEntityLinks } from './RecentEntityLinks';
import { SignalPublisher } from './SignalPublisher';

function setup(
  options: {
    publishEvent?: (payload: unknown) => Promise<void>;
    log?: string[];
  } = {},
) {
  const logger = mockServices.logger.mock();
  const index = new FleetIndex({
    patchStateOf: () => ({
      state: { state: 'unknown', rebootRequired: false },
      validUntil: Infinity,
    }),
  });
  const signals: Array<{ channel: string; message: unknown }> = [];
  const events: unknown[] = [];
  const entityLinks = new RecentEntityLinks(2);
  const publisher = new SignalPublisher({
    index,
    logger,
    debounceMs: 10_000, // flushed by hand
    entityLinks,
    signals: {
      publish: async s => {
        options.log?.push(`signal ${s.channel}`);
        signals.push({ channel: s.channel, message: s.message });
      },
    },
    events: {
      publish: async e => {
        await options.publishEvent?.(e.eventPayload);
        options.log?.push('event');
        events.push(e.eventPayload);
      },
      subscribe: async () => {},
    },
    eventDelivery: { attempts: 3, initialDelayMs: 1_000, maxDelayMs: 4_000 },
  });
  const put = (name: string, annotations: Record<string, string> = {}) =>
    index.upsert(
      'mc',
      normaliseCluster(
        cluster(name, { annotations }),
        'v1beta2',
      ) as TrimmedCluster,
    );
  return { index, signals, events, entityLinks, publisher, put, logger };
}

describe('SignalPublisher', () => {
  it('batches changes and removals into one message per channel', async () => {
    const { index, signals, events, publisher, put } = setup();
    put('a', { 'capstan.dev/entity-ref': 'component:default/shop' });
    put('b');
    put('a', { 'capstan.dev/entity-ref': 'component:default/shop' });
    index.remove('mc', 'Cluster', 'default', 'b');
    await publisher.flush();
    await publisher.eventsDelivered();
    publisher.stop();
    expect(events).toEqual([
      { changed: ['mc/default/a'], removed: ['mc/default/b'] },
    ]);
    expect(signals).toEqual([
      { channel: 'capi:fleet', message: { type: 'refresh' } },
      {
        channel: 'capi:entity:component:default/shop',
        message: { type: 'refresh' },
      },
    ]);
    await publisher.flush();
    expect(signals).toHaveLength(2); // nothing new, nothing sent
  });

  it('signals entities linked from their side once viewed, forgetting the oldest views', async () => {
    const { signals, entityLinks, publisher, put } = setup();
    entityLinks.record('Component:default/One', ['mc/default/x']);
    entityLinks.record('component:default/two', ['mc/default/x']);
    entityLinks.record('component:default/three', ['mc/default/y']);
    put('x');
    await publisher.flush();
    publisher.stop();
    expect(signals.map(s => s.channel)).toContain(
      'capi:entity:component:default/two',
    );
    // Only two entities are remembered: the first view was forgotten.
    expect(signals.map(s => s.channel)).not.toContain(
      'capi:entity:component:default/one',
    );
  });

  it('sends one notice per channel for a large batch, such as a relist', async () => {
    const { signals, publisher, put } = setup();
    for (let i = 0; i < 101; i++) put(`c${i}`);
    await publisher.flush();
    publisher.stop();
    expect(signals).toEqual([
      { channel: 'capi:fleet', message: { type: 'refresh' } },
    ]);
  });

  it("tells another team's subscriber nothing beyond 'something changed'", async () => {
    // Team B's cluster, linked to team B's component by label, annotation,
    // owner and an entity-side view; team A's browser subscribes to every
    // channel it can name.
    const { index, signals, entityLinks, publisher } = setup();
    entityLinks.record('component:default/b-viewed', [
      'mc-secret/team-b-ns/b-payments-prod',
    ]);
    index.upsert(
      'mc-secret',
      normaliseCluster(
        cluster('b-payments-prod', {
          namespace: 'team-b-ns',
          labels: { 'capstan.dev/owner': 'team-b' },
          annotations: {
            'capstan.dev/entity-ref': 'component:default/b-shop',
            'capstan.dev/owner-ref': 'group:default/team-b',
          },
        }),
        'v1beta2',
      ) as TrimmedCluster,
    );
    await publisher.flush();
    await publisher.managementClusterChanged('mc-secret');
    index.remove('mc-secret', 'Cluster', 'team-b-ns', 'b-payments-prod');
    await publisher.flush();
    publisher.stop();

    expect(signals.map(s => s.channel).sort()).toEqual([
      ...Array(3).fill('capi:entity:component:default/b-shop'),
      ...Array(3).fill('capi:entity:component:default/b-viewed'),
      ...Array(3).fill('capi:entity:group:default/team-b'),
      ...Array(3).fill('capi:fleet'),
    ]);
    for (const signal of signals) {
      expect(signal.message).toEqual({ type: 'refresh' });
      // Channels are the fleet and entity refs the subscriber names itself.
      expect(signal.channel).toMatch(/^capi:(fleet|entity:.+)$/);
      for (const secret of ['b-payments-prod', 'team-b-ns', 'mc-secret']) {
        expect(signal.channel).not.toContain(secret);
      }
    }
  });

  it("tells the cards of a management cluster's clusters when its health changes, without a catalog event", async () => {
    const { signals, events, publisher, put } = setup();
    put('a', { 'capstan.dev/entity-ref': 'component:default/shop' });
    await publisher.flush();
    await publisher.eventsDelivered();
    signals.length = 0;
    events.length = 0;

    await publisher.managementClusterChanged('mc');
    await publisher.managementClusterChanged('other-mc');
    publisher.stop();

    expect(signals.map(s => s.channel)).toEqual([
      'capi:fleet',
      'capi:entity:component:default/shop',
      'capi:fleet',
    ]);
    expect(
      signals.filter(s => s.channel === 'capi:entity:component:default/shop'),
    ).toHaveLength(1);
    expect(events).toEqual([]);
  });
});

describe('SignalPublisher with a failing or slow events service', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('signals at once while a subscriber of the events topic takes 3 s', async () => {
    const log: string[] = [];
    const { publisher, put } = setup({
      log,
      publishEvent: () => new Promise(resolve => setTimeout(resolve, 3_000)),
    });
    put('a');
    // flush() returns without any timer advancing: nothing waited for the event.
    await publisher.flush();
    expect(log).toEqual(['signal capi:fleet']);

    await jest.advanceTimersByTimeAsync(3_000);
    expect(log.at(-1)).toBe('event');
    publisher.stop();
  });

  it('signals while the events backend answers 503, and delivers the event once it recovers', async () => {
    const log: string[] = [];
    let unavailable = 2;
    const { publisher, put, events, signals, logger } = setup({
      log,
      publishEvent: async () => {
        if (unavailable-- > 0) {
          throw new Error('Request failed with 503 Service Unavailable');
        }
      },
    });
    put('a');
    await publisher.flush();
    expect(signals.map(s => s.channel)).toEqual(['capi:fleet']);
    expect(events).toEqual([]);

    await jest.advanceTimersByTimeAsync(10_000); // two backoffs of at most 1 s and 2 s
    await publisher.eventsDelivered();
    expect(events).toEqual([{ changed: ['mc/default/a'], removed: [] }]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('failed (attempt 1 of 3), retrying'),
    );
    expect(log.indexOf('event')).toBeGreaterThan(
      log.indexOf('signal capi:fleet'),
    );
    publisher.stop();
  });

  it('gives up on an event after the bounded attempts, logs it, and keeps signalling later changes', async () => {
    let down = true;
    const { publisher, put, events, signals, logger } = setup({
      publishEvent: async () => {
        if (down)
          throw new Error('Request failed with 503 Service Unavailable');
      },
    });
    put('a');
    await publisher.flush();
    await jest.advanceTimersByTimeAsync(60_000);
    await publisher.eventsDelivered();
    expect(events).toEqual([]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'Gave up publishing 1 cluster changes on capstan.capi.clusters after 3 attempts',
      ),
    );

    down = false;
    signals.length = 0;
    put('b');
    await publisher.flush();
    expect(signals.map(s => s.channel)).toContain('capi:fleet');
    await publisher.eventsDelivered();
    expect(events).toEqual([{ changed: ['mc/default/b'], removed: [] }]);
    publisher.stop();
  });
});
