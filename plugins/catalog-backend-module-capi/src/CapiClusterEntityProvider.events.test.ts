import { CAPI_EVENT_TOPICS } from '@capstan/plugin-capi-common';
import { CAPI_LOCATION_KEY } from './clusterToEntity';
import { makeClusterSummary } from './testing/makeClusterSummary';
import {
  alpha,
  beta,
  gamma,
  namesOf,
  providerHarness,
  Setup,
} from './__testUtils__/providerHarness';

describe('CapiClusterEntityProvider', () => {
  const { start } = providerHarness();
  let setup: Setup;

  const publish = (payload: unknown) =>
    setup.events.publish({
      topic: CAPI_EVENT_TOPICS.clusters,
      eventPayload: payload,
    });

  /** The provider emitted these clusters' entities (a full refresh ran). */
  const emitted = async (...clusters: (typeof alpha)[]) => {
    setup.fleet.set(...clusters);
    await setup.runScheduledRefresh();
    setup.mutations.length = 0;
    setup.fleet.requests.length = 0;
  };

  describe('deltas from capi events', () => {
    it('re-reads changed clusters and removes removed ones', async () => {
      setup = await start();
      await emitted(alpha, beta, gamma);
      setup.fleet.clusters.delete(gamma.id);
      const changedAlpha = { ...alpha, owner: 'group:default/new-owner' };
      setup.fleet.set(changedAlpha);

      await publish({ changed: [alpha.id], removed: [gamma.id] });

      expect(setup.mutations).toEqual([
        {
          type: 'delta',
          added: [
            {
              entity: expect.objectContaining({
                metadata: expect.objectContaining({
                  name: alpha.entityName,
                }),
                spec: expect.objectContaining({
                  owner: 'group:default/new-owner',
                }),
              }),
              locationKey: CAPI_LOCATION_KEY,
            },
          ],
          removed: [
            {
              entityRef: `resource:default/${gamma.entityName}`,
              locationKey: CAPI_LOCATION_KEY,
            },
          ],
        },
      ]);
      expect(setup.fleet.requests.map(r => r.path)).toEqual([
        '/clusters/mc-fra/team-payments/alpha',
      ]);
    });

    it('treats a changed cluster the capi backend no longer knows as removed', async () => {
      setup = await start();
      await emitted(beta);
      setup.fleet.clusters.delete(beta.id);
      await publish({ changed: [beta.id], removed: [] });
      expect(setup.mutations).toEqual([
        {
          type: 'delta',
          added: [],
          removed: [
            {
              entityRef: `resource:default/${beta.entityName}`,
              locationKey: CAPI_LOCATION_KEY,
            },
          ],
        },
      ]);
    });

    it('keeps the entity of a changed cluster that an instance which has not synced its management cluster does not know', async () => {
      setup = await start();
      setup.fleet.set(alpha);
      await setup.runScheduledRefresh(); // alpha's entity exists
      setup.mutations.length = 0;

      // The event reaches an instance that just started: cache empty, mc-fra connecting.
      setup.fleet.clusters.clear();
      setup.fleet.notSynced.add('mc-fra');
      await publish({ changed: [alpha.id], removed: [] });

      expect(setup.mutations).toEqual([]); // unknown, not gone: nothing removed
      expect(setup.logger.warn).toHaveBeenCalledWith(
        'Could not read changed cluster mc-fra/team-payments/alpha, keeping its entity as it is until the next full refresh: Request failed with 503 Service Unavailable: Management cluster mc-fra is not synced yet',
      );

      // Once synced, the instance knows the cluster again and the delta applies.
      setup.fleet.notSynced.clear();
      setup.fleet.set(alpha);
      await publish({ changed: [alpha.id], removed: [] });
      expect(setup.mutations).toHaveLength(1);
      const [mutation] = setup.mutations;
      expect(mutation.type === 'delta' && mutation.removed).toEqual([]);
      expect(mutation.type === 'delta' && namesOf(mutation.added)).toEqual(
        [alpha.entityName].sort(),
      );
    });

    it('removes a changed cluster that became scaffolded-only under skipScaffolded', async () => {
      setup = await start({ skipScaffolded: true });
      await emitted(beta);
      setup.fleet.set({ ...beta, labels: { 'capstan.dev/profile': 'p' } });
      await publish({ changed: [beta.id] });
      expect(setup.mutations).toEqual([
        {
          type: 'delta',
          added: [],
          removed: [
            {
              entityRef: `resource:default/${beta.entityName}`,
              locationKey: CAPI_LOCATION_KEY,
            },
          ],
        },
      ]);
    });

    it('skips a cluster it could not read and keeps the rest of the delta', async () => {
      setup = await start();
      setup.fleet.set(alpha);
      let calls = 0;
      const original = setup.fleet.handle.bind(setup.fleet);
      setup.fleet.handle = (path, authorization) => {
        calls++;
        return path.includes('beta')
          ? { status: 500, body: {} }
          : original(path, authorization);
      };

      await publish({ changed: [alpha.id, beta.id], removed: [] });

      expect(calls).toBe(2);
      expect(setup.mutations).toHaveLength(1);
      const mutation = setup.mutations[0];
      expect(mutation.type === 'delta' && namesOf(mutation.added)).toEqual(
        [alpha.entityName].sort(),
      );
      expect(setup.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Could not read changed cluster mc-fra/team-payments/beta',
        ),
      );
    });

    it('does a full refresh when an event names more clusters than are worth fetching one by one', async () => {
      setup = await start();
      const many = Array.from({ length: 101 }, (_, i) =>
        makeClusterSummary({ name: `c${i}` }),
      );
      setup.fleet.set(...many);

      await publish({ changed: many.map(c => c.id), removed: [] });

      expect(setup.mutations.map(m => m.type)).toEqual(['full']);
      expect(setup.fleet.requests).toHaveLength(1);
    });

    it.each([
      ['not an object', 'nope'],
      ['changed not a list', { changed: 'mc/ns/name' }],
    ])('ignores a malformed payload (%s)', async (_, payload) => {
      setup = await start();
      await publish(payload);
      expect(setup.mutations).toEqual([]);
      expect(setup.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('malformed'),
      );
    });

    it('ignores invalid ids but applies the valid ones', async () => {
      setup = await start();
      await emitted(beta);
      setup.fleet.clusters.delete(beta.id);
      await publish({ changed: [], removed: ['not-a-ref', beta.id] });
      expect(setup.mutations).toEqual([
        {
          type: 'delta',
          added: [],
          removed: [
            expect.objectContaining({
              entityRef: `resource:default/${beta.entityName}`,
            }),
          ],
        },
      ]);
    });

    it('removes the entity it emitted for a cluster whose entity name changed (a catalog id label added)', async () => {
      setup = await start();
      await emitted(alpha);
      const labelled = makeClusterSummary({
        name: 'alpha',
        owner: 'group:default/a',
        labels: { 'capstan.dev/catalog-id': '0f3a9c51d2e84b7a6c10' },
      });
      expect(labelled.entityName).not.toBe(alpha.entityName);
      setup.fleet.set(labelled);

      await publish({ changed: [alpha.id], removed: [] });

      expect(setup.mutations).toEqual([
        {
          type: 'delta',
          added: [
            expect.objectContaining({
              entity: expect.objectContaining({
                metadata: expect.objectContaining({
                  name: labelled.entityName,
                }),
              }),
            }),
          ],
          removed: [
            {
              entityRef: `resource:default/${alpha.entityName}`,
              locationKey: CAPI_LOCATION_KEY,
            },
          ],
        },
      ]);
    });

    it('cannot name the entity of a removed cluster it never emitted (just restarted): the next full refresh removes it', async () => {
      setup = await start();
      await publish({ changed: [], removed: [beta.id] });
      expect(setup.mutations).toEqual([]);

      setup.fleet.set(alpha);
      await setup.runScheduledRefresh();
      expect(setup.mutations).toEqual([
        expect.objectContaining({ type: 'full' }),
      ]);
    });

    it('ignores events before the catalog connected the provider', async () => {
      setup = await start({}, { connect: false });
      await setup.provider.onClustersChanged({
        topic: CAPI_EVENT_TOPICS.clusters,
        eventPayload: { changed: [alpha.id], removed: [] },
      });
      expect(setup.fleet.requests).toEqual([]);
    });

    it('applies an event that arrives during a full refresh after it', async () => {
      setup = await start();
      setup.fleet.set(alpha);
      // The full refresh is still waiting for HTTP when the removal-only
      // event (no HTTP) comes in; unserialized, the delta would land first
      // and the full mutation would bring the removed cluster back.
      const fullRefresh = setup.runScheduledRefresh();
      const delta = publish({ changed: [], removed: [alpha.id] });
      await Promise.all([fullRefresh, delta]);

      expect(setup.mutations.map(m => m.type)).toEqual(['full', 'delta']);
    });
  });
});
