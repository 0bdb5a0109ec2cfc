import { mockServices } from '@backstage/backend-test-utils';
import { cluster } from '../__testUtils__/fixtures';
import { normaliseCluster } from '../normalise';
import type { TrimmedCluster } from '../normalise/types';
import { FleetIndex } from './FleetIndex';
import { RecentEntityLinks } from './RecentEntityLinks';
import { SignalPublisher } from './SignalPublisher';

function setup() {
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
    logger: mockServices.logger.mock(),
    debounceMs: 10_000, // flushed by hand
    entityLinks,
    signals: {
      publish: async s =>
        void signals.push({ channel: s.channel, message: s.message }),
    },
    events: {
      publish: async e => void events.push(e.eventPayload),
      subscribe: async () => {},
    },
  });
  const put = (name: string, annotations: Record<string, string> = {}) =>
    index.upsert(
      'mc',
      normaliseCluster(
        cluster(name, { annotations }),
        'v1beta2',
      ) as TrimmedCluster,
    );
  return { index, signals, events, entityLinks, publisher, put };
}

describe('SignalPublisher', () => {
  it('batches changes and removals into one message per channel', async () => {
    const { index, signals, events, publisher, put } = setup();
    put('a', { 'capstan.dev/entity-ref': 'component:default/shop' });
    put('b');
    put('a', { 'capstan.dev/entity-ref': 'component:default/shop' });
    index.remove('mc', 'Cluster', 'default', 'b');
    await publisher.flush();
    publisher.stop();
    expect(events).toEqual([
      { changed: ['mc/default/a'], removed: ['mc/default/b'] },
    ]);
    const channels = signals.map(s => s.channel).sort();
    expect(channels).toEqual([
      'capi:cluster:mc/default/a',
      'capi:cluster:mc/default/b',
      'capi:entity:component:default/shop',
      'capi:fleet',
    ]);
    await publisher.flush();
    expect(signals).toHaveLength(4); // nothing new, nothing sent
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

  it('leaves out per-cluster channels for large batches, such as a relist', async () => {
    const { signals, publisher, put } = setup();
    for (let i = 0; i < 101; i++) put(`c${i}`);
    await publisher.flush();
    publisher.stop();
    expect(signals.map(s => s.channel)).toEqual(['capi:fleet']);
    expect(
      (signals[0].message as { clusterIds: string[] }).clusterIds,
    ).toHaveLength(101);
  });

  it("tells the cards of a management cluster's clusters when its health changes, without a catalog event", async () => {
    const { signals, events, publisher, put } = setup();
    put('a', { 'capstan.dev/entity-ref': 'component:default/shop' });
    await publisher.flush();
    signals.length = 0;
    events.length = 0;

    await publisher.managementClusterChanged('mc');
    await publisher.managementClusterChanged('other-mc');
    publisher.stop();

    expect(signals.map(s => s.channel)).toEqual(
      expect.arrayContaining([
        'capi:fleet',
        'capi:cluster:mc/default/a',
        'capi:entity:component:default/shop',
      ]),
    );
    expect(
      signals.filter(s => s.channel === 'capi:entity:component:default/shop'),
    ).toHaveLength(1);
    expect(events).toEqual([]);
  });
});
