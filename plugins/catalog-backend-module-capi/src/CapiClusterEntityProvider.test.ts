import {
  DiscoveryService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { CAPI_EVENT_TOPICS } from '@capstan/plugin-capi-common';
import { CapiClusterEntityProvider } from './CapiClusterEntityProvider';
import { CAPI_LOCATION_KEY } from './clusterToEntity';
import { FakeFleet } from './testing/FakeFleet';
import {
  makeClusterSummary,
  makeManagementClusterHealth,
} from './testing/makeClusterSummary';

const alpha = makeClusterSummary({ name: 'alpha', owner: 'group:default/a' });
const beta = makeClusterSummary({ name: 'beta' });
const gamma = makeClusterSummary({
  managementCluster: 'mc-aws',
  name: 'gamma',
});

type Setup = {
  fleet: FakeFleet;
  provider: CapiClusterEntityProvider;
  mutations: EntityProviderMutation[];
  connection: EntityProviderConnection;
  logger: ReturnType<typeof mockServices.logger.mock>;
  events: EventsService;
  /** Runs the scheduled full refresh as the scheduler would. */
  runScheduledRefresh: () => Promise<void>;
};

describe('CapiClusterEntityProvider', () => {
  let closeServer: () => Promise<void>;
  let setup: Setup;

  async function start(
    capiConfig: object = {},
    options: { connect?: boolean } = {},
  ): Promise<Setup> {
    const fleet = new FakeFleet();
    const server = await fleet.listen();
    closeServer = server.close;
    const discovery: DiscoveryService = {
      getBaseUrl: async pluginId => {
        expect(pluginId).toBe('capi');
        return server.baseUrl;
      },
      getExternalBaseUrl: async () => 'http://unused',
    };
    let task: SchedulerServiceTaskInvocationDefinition | undefined;
    const taskRunner: SchedulerServiceTaskRunner = {
      run: async definition => {
        task = definition;
      },
    };
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const events = mockServices.events();
    const mutations: EntityProviderMutation[] = [];
    const connection: EntityProviderConnection = {
      applyMutation: async mutation => {
        mutations.push(mutation);
      },
      refresh: async () => {},
    };
    const provider = CapiClusterEntityProvider.create({
      config: new ConfigReader({
        catalog: {
          providers: {
            capi: { defaultOwner: 'group:default/platform', ...capiConfig },
          },
        },
      }),
      logger,
      discovery,
      auth: mockServices.auth({ pluginId: 'catalog' }),
      taskRunner,
      events,
    });
    if (options.connect ?? true) {
      await provider.connect(connection);
    }
    return {
      fleet,
      provider,
      mutations,
      connection,
      logger,
      events,
      runScheduledRefresh: async () => {
        if (!task) throw new Error('no task scheduled');
        await task.fn(new AbortController().signal as any);
      },
    };
  }

  afterEach(async () => {
    await closeServer?.();
  });

  const publish = (payload: unknown) =>
    setup.events.publish({
      topic: CAPI_EVENT_TOPICS.clusters,
      eventPayload: payload,
    });

  const namesOf = (
    entities: Array<{ entity: { metadata: { name: string } } }>,
  ) => entities.map(e => e.entity.metadata.name).sort();

  describe('full refresh', () => {
    it('emits every cluster of every page as a full mutation, reading with a service token', async () => {
      setup = await start({ pageSize: 2 });
      setup.fleet.set(alpha, beta, gamma);

      await setup.runScheduledRefresh();

      expect(setup.mutations).toHaveLength(1);
      const mutation = setup.mutations[0];
      expect(mutation.type).toBe('full');
      if (mutation.type !== 'full') return;
      expect(namesOf(mutation.entities)).toEqual([
        'mc-aws.team-payments.gamma',
        'mc-fra.team-payments.alpha',
        'mc-fra.team-payments.beta',
      ]);
      expect(
        mutation.entities.every(e => e.locationKey === CAPI_LOCATION_KEY),
      ).toBe(true);
      expect(
        mutation.entities.find(e => e.entity.metadata.name.endsWith('alpha'))
          ?.entity.spec?.owner,
      ).toBe('group:default/a');
      expect(
        mutation.entities.find(e => e.entity.metadata.name.endsWith('beta'))
          ?.entity.spec?.owner,
      ).toBe('group:default/platform');

      expect(setup.fleet.requests.map(r => r.path)).toEqual([
        '/fleet?offset=0&limit=2&view=summaries',
        '/fleet?offset=2&limit=2&view=summaries',
      ]);
      for (const { authorization } of setup.fleet.requests) {
        expect(authorization).toMatch(/^Bearer mock-service-token:/);
        expect(authorization).toContain('"target":"capi"');
      }
    });

    it('removes clusters that are gone on the next full refresh', async () => {
      setup = await start();
      setup.fleet.set(alpha, beta);
      await setup.runScheduledRefresh();
      setup.fleet.clusters.delete(beta.id);
      await setup.runScheduledRefresh();

      const last = setup.mutations[1];
      expect(last.type).toBe('full');
      expect(last.type === 'full' && namesOf(last.entities)).toEqual([
        'mc-fra.team-payments.alpha',
      ]);
    });

    it('emits an empty full mutation for an empty, synced fleet', async () => {
      setup = await start();
      setup.fleet.managementClusters = [makeManagementClusterHealth('mc-fra')];
      await setup.runScheduledRefresh();
      expect(setup.mutations).toEqual([{ type: 'full', entities: [] }]);
    });

    it.each([
      ['down', { state: 'down' as const }, 'warn'],
      ['connecting', { state: 'connecting' as const }, 'info'],
      ['stale', { state: 'degraded' as const, stale: true }, 'warn'],
      [
        'degraded and never synced by the answering instance',
        { state: 'degraded' as const, lastSyncAt: undefined },
        'info',
      ],
    ] as const)(
      'only upserts, never removes, while a management cluster is %s (logged at %s)',
      async (_, health, level) => {
        setup = await start();
        setup.fleet.set(alpha, gamma);
        setup.fleet.managementClusters = [
          makeManagementClusterHealth('mc-fra'),
          makeManagementClusterHealth('mc-aws', health),
        ];

        await setup.runScheduledRefresh();

        expect(setup.mutations).toHaveLength(1);
        const mutation = setup.mutations[0];
        expect(mutation.type).toBe('delta');
        if (mutation.type !== 'delta') return;
        expect(namesOf(mutation.added)).toEqual([
          'mc-aws.team-payments.gamma',
          'mc-fra.team-payments.alpha',
        ]);
        expect(mutation.removed).toEqual([]);
        // A start (connecting, not synced yet) is no fault; down or stale is.
        expect(setup.logger[level]).toHaveBeenCalledWith(
          expect.stringContaining('management cluster mc-aws is'),
        );
        expect(
          setup.logger[level === 'info' ? 'warn' : 'info'],
        ).not.toHaveBeenCalledWith(
          expect.stringContaining('Cluster list incomplete'),
        );
      },
    );

    it('still removes gone clusters of the management clusters the list covers while another is down', async () => {
      setup = await start();
      setup.fleet.set(alpha, beta, gamma);
      await setup.runScheduledRefresh(); // complete: full mutation
      setup.fleet.clusters.delete(beta.id);
      setup.fleet.clusters.delete(gamma.id);
      setup.fleet.managementClusters = [
        makeManagementClusterHealth('mc-fra'),
        makeManagementClusterHealth('mc-aws', { state: 'down' }),
      ];

      await setup.runScheduledRefresh();

      const mutation = setup.mutations[1];
      expect(mutation.type).toBe('delta');
      if (mutation.type !== 'delta') return;
      expect(namesOf(mutation.added)).toEqual(['mc-fra.team-payments.alpha']);
      // beta is gone from mc-fra, which the list covers; gamma's mc-aws is
      // down, so its absence means nothing and its entity stays.
      expect(mutation.removed).toEqual([
        {
          entityRef: 'resource:default/mc-fra.team-payments.beta',
          locationKey: CAPI_LOCATION_KEY,
        },
      ]);
    });

    it('only upserts when a later page comes from an instance that has not synced a management cluster', async () => {
      setup = await start({ pageSize: 1 });
      setup.fleet.set(alpha, gamma);
      // Page 1 from a synced replica; page 2 from one that just started.
      setup.fleet.pageHealth = offset =>
        offset === 0
          ? setup.fleet.managementClusters
          : [
              makeManagementClusterHealth('mc-fra'),
              makeManagementClusterHealth('mc-aws', {
                state: 'connecting',
                lastSyncAt: undefined,
              }),
            ];

      await setup.runScheduledRefresh();

      expect(setup.mutations.map(m => m.type)).toEqual(['delta']);
      const [mutation] = setup.mutations;
      expect(mutation.type === 'delta' && mutation.removed).toEqual([]);
      // A replica that just started is no fault: info, not a warning.
      expect(setup.logger.info).toHaveBeenCalledWith(
        expect.stringContaining('management cluster mc-aws is not synced yet'),
      );
    });

    it('only upserts when the fleet changes between pages', async () => {
      setup = await start({ pageSize: 1 });
      setup.fleet.set(alpha, beta);
      setup.fleet.afterPage = offset => {
        if (offset === 0) setup.fleet.clusters.delete(alpha.id);
      };

      await setup.runScheduledRefresh();

      expect(setup.mutations.map(m => m.type)).toEqual(['delta']);
      expect(setup.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('the fleet changed while it was being read'),
      );
    });

    it('logs and applies nothing when the capi backend fails', async () => {
      setup = await start();
      setup.fleet.set(alpha);
      setup.fleet.failWith = 503;

      await expect(setup.runScheduledRefresh()).resolves.toBeUndefined();

      expect(setup.mutations).toEqual([]);
      expect(setup.logger.error).toHaveBeenCalledWith(
        expect.stringContaining('Full refresh of CAPI cluster entities failed'),
      );
    });

    it('refresh() rejects with the capi backend error for direct callers', async () => {
      setup = await start();
      setup.fleet.failWith = 500;
      await expect(setup.provider.refresh()).rejects.toThrow(/500/);
    });

    it('leaves scaffolded clusters to their catalog-info.yaml with skipScaffolded', async () => {
      setup = await start({ skipScaffolded: true });
      const scaffolded = makeClusterSummary({
        name: 'scaffolded',
        labels: { 'capstan.dev/profile': 'onprem-fra-prod' },
      });
      setup.fleet.set(alpha, scaffolded);

      await setup.runScheduledRefresh();

      const mutation = setup.mutations[0];
      expect(mutation.type === 'full' && namesOf(mutation.entities)).toEqual([
        'mc-fra.team-payments.alpha',
      ]);
    });
  });

  describe('deltas from capi events', () => {
    it('re-reads changed clusters and removes removed ones', async () => {
      setup = await start();
      setup.fleet.set(alpha, beta);
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
                  name: 'mc-fra.team-payments.alpha',
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
              entityRef: 'resource:default/mc-aws.team-payments.gamma',
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
      await publish({ changed: [beta.id], removed: [] });
      expect(setup.mutations).toEqual([
        {
          type: 'delta',
          added: [],
          removed: [
            {
              entityRef: 'resource:default/mc-fra.team-payments.beta',
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
      expect(mutation.type === 'delta' && namesOf(mutation.added)).toEqual([
        'mc-fra.team-payments.alpha',
      ]);
    });

    it('removes a changed cluster that became scaffolded-only under skipScaffolded', async () => {
      setup = await start({ skipScaffolded: true });
      setup.fleet.set({ ...beta, labels: { 'capstan.dev/profile': 'p' } });
      await publish({ changed: [beta.id] });
      expect(setup.mutations).toEqual([
        {
          type: 'delta',
          added: [],
          removed: [
            {
              entityRef: 'resource:default/mc-fra.team-payments.beta',
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
      expect(mutation.type === 'delta' && namesOf(mutation.added)).toEqual([
        'mc-fra.team-payments.alpha',
      ]);
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
      await publish({ changed: [], removed: ['not-a-ref', beta.id] });
      expect(setup.mutations).toEqual([
        {
          type: 'delta',
          added: [],
          removed: [
            expect.objectContaining({
              entityRef: 'resource:default/mc-fra.team-payments.beta',
            }),
          ],
        },
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
