import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startSimulator, Simulator } from '@capstan/capi-simulator';
import type {
  ClusterSummary,
  ManagementClustersResponse,
} from '@capstan/plugin-capi-common';
import {
  capiClusterEntityResolverExtensionPoint,
  capiPatchStateProviderExtensionPoint,
} from '@capstan/plugin-capi-node';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import request from 'supertest';
import { eventually, wholeCluster } from './__testUtils__/fixtures';
import { capiPlugin } from './plugin';

// Real HTTPS servers on a shared 2-core machine: allow for load.
jest.setTimeout(30_000);

/** A company's patch system, plugged in as a backend module. */
const patchSystemModule = createBackendModule({
  pluginId: 'capi',
  moduleId: 'acme-patch-system',
  register(env) {
    env.registerInit({
      deps: {
        providers: capiPatchStateProviderExtensionPoint,
        resolvers: capiClusterEntityResolverExtensionPoint,
      },
      async init({ providers, resolvers }) {
        providers.addProvider({
          name: 'acme',
          getPatchState: machine =>
            machine.name.endsWith('-0')
              ? {
                  pendingSecurityUpdates: 1,
                  securityPendingSince: '2020-01-01T00:00:00Z',
                }
              : {
                  pendingUpdates: 0,
                  pendingSecurityUpdates: 0,
                  lastPatched: '2026-11-24T00:00:00Z',
                },
        });
        resolvers.addResolver({
          name: 'by-system',
          resolveClusters: async ({ entity }) =>
            entity.spec?.system === 'shop'
              ? [
                  {
                    managementCluster: 'kc',
                    namespace: 'default',
                    name: 'shop-1',
                  },
                ]
              : [],
        });
      },
    });
  },
});

describe('extension points, kubeconfig auth and a forbidden management cluster', () => {
  let sim: Simulator;
  let dir: string;

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['kc', 'forbidden'],
      reconcile: false,
      patchSimulation: false,
    });
    for (const [resource, object] of wholeCluster('shop-1'))
      sim.get('kc').store.create(resource, object);
    dir = mkdtempSync(join(tmpdir(), 'capi-kubeconfig-'));
    // A kubeconfig with a decoy current context: the configured context must win.
    const kubeconfig = YAML.parse(sim.get('kc').kubeconfig);
    kubeconfig.contexts.push({
      name: 'decoy',
      context: { cluster: 'kc', user: 'nobody' },
    });
    kubeconfig.users.push({ name: 'nobody', user: { token: 'wrong' } });
    kubeconfig['current-context'] = 'decoy';
    writeFileSync(join(dir, 'config'), YAML.stringify(kubeconfig));
  });

  afterAll(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses module-provided patch states and resolvers, reads a kubeconfig context, and isolates a 403', async () => {
    const forbidden = sim.get('forbidden');
    const backend = await startTestBackend({
      features: [
        capiPlugin,
        patchSystemModule,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'web', namespace: 'default' },
              spec: { type: 'website', owner: 'team', system: 'shop' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            capi: {
              managementClusters: [
                {
                  name: 'kc',
                  auth: {
                    type: 'kubeconfig',
                    file: join(dir, 'config'),
                    context: 'kc',
                  },
                },
                {
                  name: 'forbidden',
                  url: forbidden.url,
                  caData: forbidden.caData,
                  auth: {
                    type: 'serviceAccountToken',
                    token: forbidden.restrictedToken,
                  },
                },
              ],
              watch: { initialBackoff: '20ms', maxBackoff: '100ms' },
            },
          },
        }),
      ],
    });
    try {
      const get = (path: string) =>
        request(backend.server)
          .get(`/api/capi${path}`)
          .set('Authorization', mockCredentials.user.header());
      await eventually(async () => {
        const health = (
          (await get('/management-clusters')).body as ManagementClustersResponse
        ).items;
        expect(health.map(h => [h.name, h.state])).toEqual([
          ['kc', 'synced'],
          ['forbidden', 'down'],
        ]);
        expect(health[1].lastError).toContain('403');
        expect(JSON.stringify(health)).not.toContain(forbidden.restrictedToken);
      }, 5000);

      const res = await get('/clusters?entityRef=component:default/web');
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([
        'kc/default/shop-1',
      ]);
      // Machines come from the detail endpoint (the list is paged without them).
      const detail = await get('/clusters/kc/default/shop-1');
      expect(detail.status).toBe(200);
      const shop = detail.body as ClusterSummary;
      const states = Object.fromEntries(
        shop.machines.map(m => [m.name, [m.patch.state, m.patch.source]]),
      );
      expect(states).toEqual({
        'shop-1-cp-1': ['up-to-date', 'acme'],
        'shop-1-md-0-0': ['overdue', 'acme'],
        'shop-1-md-0-1': ['up-to-date', 'acme'],
      });
    } finally {
      await backend.stop();
    }
  });
});
