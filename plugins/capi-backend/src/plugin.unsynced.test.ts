import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { startSimulator, Simulator } from '@capstan/capi-simulator';
import type { ManagementClustersResponse } from '@capstan/plugin-capi-common';
import request from 'supertest';
import { eventually, RESOURCES, wholeCluster } from './__testUtils__/fixtures';
import { capiPlugin } from './plugin';

// Real HTTPS servers on a shared 2-core machine: allow for load.
jest.setTimeout(60_000);

const SERVICE = mockCredentials.service.header();

/**
 * The whole plugin with one management cluster it reaches (mc-a) and one it
 * has not synced since it started (mc-late, down from the start), and an
 * events service whose every publish fails as an events backend answering
 * 503 would.
 */
describe('capi backend plugin, with a management cluster not synced yet and a failing events service', () => {
  let sim: Simulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const signals: Array<{ channel: string; message: unknown }> = [];
  let eventAttempts = 0;
  const get = (path: string) =>
    request(backend.server)
      .get(`/api/capi${path}`)
      .set('Authorization', SERVICE);

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['mc-a', 'mc-late'],
      reconcile: false,
      patchSimulation: false,
      bookmarkIntervalMs: 200,
    });
    for (const [resource, object] of wholeCluster('listed')) {
      sim.get('mc-a').store.create(resource, object);
    }
    for (const [resource, object] of wholeCluster('late')) {
      sim.get('mc-late').store.create(resource, object);
    }
    await sim.get('mc-late').faults.down();

    backend = await startTestBackend({
      features: [
        capiPlugin,
        mockServices.rootConfig.factory({
          data: {
            capi: {
              managementClusters: sim.managementClusters.map(mc => ({
                name: mc.name,
                url: mc.url,
                caData: mc.caData,
                auth: { type: 'serviceAccountToken', token: mc.readOnlyToken },
              })),
              signals: { debounce: '50ms' },
            },
          },
        }),
        mockServices.scheduler.mock({ scheduleTask: async () => {} }).factory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogServiceMock({ entities: [] }),
        }),
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async (signal: { channel: string; message: unknown }) => {
              signals.push({
                channel: signal.channel,
                message: signal.message,
              });
            },
          }),
        }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => ({
            publish: async () => {
              eventAttempts++;
              throw new Error('Request failed with 503 Service Unavailable');
            },
            subscribe: async () => {},
          }),
        }),
      ],
    });
    await eventually(async () => {
      const { items } = (await get('/management-clusters'))
        .body as ManagementClustersResponse;
      const mcA = items.find(i => i.name === 'mc-a');
      if (mcA?.state !== 'synced') throw new Error('mc-a not synced yet');
    }, 20_000);
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  it('answers 503, not 404, for a cluster of a management cluster it has not synced yet', async () => {
    const unknown = await get('/clusters/mc-late/default/late');
    expect(unknown.status).toBe(503);
    expect(unknown.body.error.name).toBe('ServiceUnavailableError');
    expect(unknown.body.error.message).toContain('mc-late');

    expect((await get('/clusters/mc-a/default/gone')).status).toBe(404);
    expect((await get('/clusters/mc-a/default/listed')).status).toBe(200);
  });

  it('publishes browser signals although every events publish fails', async () => {
    signals.length = 0;
    const attemptsBefore = eventAttempts;
    sim.get('mc-a').store.mergePatch(RESOURCES.clusters, 'default', 'listed', {
      metadata: { labels: { touched: 'yes' } },
    });
    await eventually(() =>
      expect(signals).toContainEqual({
        channel: 'capi:fleet',
        message: { type: 'refresh' },
      }),
    );
    await eventually(() =>
      expect(eventAttempts).toBeGreaterThan(attemptsBefore),
    );
  });
});
