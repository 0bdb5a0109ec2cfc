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
import { CapiClusterEntityProvider } from '../CapiClusterEntityProvider';
import { FakeFleet } from '../testing/FakeFleet';
import { makeClusterSummary } from '../testing/makeClusterSummary';

export const alpha = makeClusterSummary({
  name: 'alpha',
  owner: 'group:default/a',
});
export const beta = makeClusterSummary({ name: 'beta' });
export const gamma = makeClusterSummary({
  managementCluster: 'mc-aws',
  name: 'gamma',
});

export type Setup = {
  fleet: FakeFleet;
  provider: CapiClusterEntityProvider;
  mutations: EntityProviderMutation[];
  connection: EntityProviderConnection;
  logger: ReturnType<typeof mockServices.logger.mock>;
  events: EventsService;
  /** Runs the scheduled full refresh as the scheduler would. */
  runScheduledRefresh: () => Promise<void>;
};

/** The sorted entity names of a mutation's entities. */
export const namesOf = (
  entities: Array<{ entity: { metadata: { name: string } } }>,
) => entities.map(e => e.entity.metadata.name).sort();

/**
 * For a describe block: `start()` builds a provider that reads a fake capi
 * backend over HTTP and records its mutations; the fake's server is closed
 * after each test.
 */
export function providerHarness() {
  let closeServer: () => Promise<void>;

  afterEach(async () => {
    await closeServer?.();
  });

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

  return { start };
}
