import { mockServices } from '@backstage/backend-test-utils';
import { cluster } from '../__testUtils__/fixtures';
import { normaliseCluster } from '../normalise';
import type { TrimmedCluster } from '../normalise/types';
import { FleetIndex } from './FleetIndex';
import { RecentEntityLinks } from './RecentEntityLinks';
import { SignalPublisher } from './SignalPublisher';

describe('RecentEntityLinks', () => {
  it('maps clusters to the entities last seen resolving to them, case-insensitively', () => {
    const links = new RecentEntityLinks();
    links.record('Component:default/Shop', ['mc/ns/a', 'mc/ns/b']);
    links.record('component:default/search', ['mc/ns/b']);
    expect(links.entitiesOf('mc/ns/a')).toEqual(['component:default/shop']);
    expect(links.entitiesOf('mc/ns/b').sort()).toEqual([
      'component:default/search',
      'component:default/shop',
    ]);
    // A new view replaces what the entity resolved to before.
    links.record('component:default/shop', ['mc/ns/c']);
    expect(links.entitiesOf('mc/ns/a')).toEqual([]);
    expect(links.entitiesOf('mc/ns/c')).toEqual(['component:default/shop']);
  });

  it('forgets the least recently viewed entity first', () => {
    const links = new RecentEntityLinks(2);
    links.record('component:default/one', ['mc/ns/a']);
    links.record('component:default/two', ['mc/ns/a']);
    links.record('component:default/one', ['mc/ns/a']); // viewed again
    links.record('component:default/three', ['mc/ns/b']);
    expect(links.entitiesOf('mc/ns/a')).toEqual(['component:default/one']);
    expect(links.entitiesOf('mc/ns/b')).toEqual(['component:default/three']);
  });
});

/**
 * One backend replica as far as signals go: its own watch cache (every
 * replica watches every management cluster), its own entity links, and
 * the signals service, which all replicas share through the events bus.
 */
function replica(published: string[]) {
  const index = new FleetIndex({
    patchStateOf: () => ({
      state: { state: 'unknown', rebootRequired: false },
      validUntil: Infinity,
    }),
  });
  const entityLinks = new RecentEntityLinks();
  const publisher = new SignalPublisher({
    index,
    logger: mockServices.logger.mock(),
    debounceMs: 10_000, // flushed by hand
    entityLinks,
    signals: { publish: async s => void published.push(s.channel) },
  });
  const watchSees = (name: string, labels: Record<string, string>) =>
    index.upsert(
      'mc',
      normaliseCluster(cluster(name, { labels }), 'v1beta2') as TrimmedCluster,
    );
  return { entityLinks, publisher, watchSees };
}

describe('entity links with several replicas', () => {
  it('signals an entity linked from its side even when its browser listens on another replica', async () => {
    // The shared signals bus: a browser connected to replica B receives what
    // replica A publishes.
    const bus: string[] = [];
    const a = replica(bus);
    const b = replica(bus);
    a.watchSees('selected', { team: 'payments' });
    b.watchSees('selected', { team: 'payments' });
    // The card's request (selector annotation) was served by replica A only.
    a.entityLinks.record('component:default/checkout', ['mc/default/selected']);

    a.watchSees('selected', { team: 'payments', touched: 'yes' });
    b.watchSees('selected', { team: 'payments', touched: 'yes' });
    await Promise.all([a.publisher.flush(), b.publisher.flush()]);
    a.publisher.stop();
    b.publisher.stop();

    // A saw the view and, watching the same management cluster, the change:
    // it publishes on the entity's channel; B, which never saw the view, does
    // not need to.
    expect(
      bus.filter(c => c === 'capi:entity:component:default/checkout'),
    ).toHaveLength(1);
  });
});
