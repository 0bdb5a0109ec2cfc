import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { CAPI_EVENT_TOPICS } from '@capstan/plugin-capi-common';
import express from 'express';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import catalogModuleCapi from './index';
import { FakeFleet } from './testing/FakeFleet';
import { makeClusterSummary } from './testing/makeClusterSummary';

const CA_DATA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

/** A stand-in for the capi backend plugin: its REST contract and its events. */
function fakeCapiPlugin(
  fleet: FakeFleet,
  onEvents: (publish: Publish) => void,
) {
  return createBackendPlugin({
    pluginId: 'capi',
    register(reg) {
      reg.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          events: eventsServiceRef,
        },
        async init({ httpRouter, httpAuth, events }) {
          const router = express.Router();
          router.use(async (req, res) => {
            // Only other plugins (service principals) may read; like the
            // real backend, check credentials.
            await httpAuth.credentials(req, { allow: ['service'] });
            const { status, body } = fleet.handle(
              req.url,
              req.headers.authorization,
            );
            res.status(status).json(body);
          });
          httpRouter.use(router);
          onEvents(events.publish.bind(events));
        },
      });
    },
  });
}

async function waitFor<T>(
  read: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

type Publish = (params: {
  topic: string;
  eventPayload: unknown;
}) => Promise<void>;

/** The catalog backend, this module and a fake capi plugin in one backend. */
async function startBackend(fleet: FakeFleet, catalogConfig: object) {
  let publish: Publish = async () => {};
  const sharedEvents = mockServices.events();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleCapi,
      fakeCapiPlugin(fleet, p => {
        publish = p;
      }),
      // One bus for all plugins, as the real events service gives within
      // one backend (the default mock gives each plugin its own).
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => sharedEvents,
      }),
      mockServices.rootConfig.factory({ data: { catalog: catalogConfig } }),
    ],
  });
  const getEntity = async (name: string) => {
    const res = await request(backend.server).get(
      `/api/catalog/entities/by-name/resource/default/${name}`,
    );
    return res.status === 200 ? (res.body as Entity) : undefined;
  };
  return {
    backend,
    getEntity,
    publish: (p: Parameters<Publish>[0]) => publish(p),
  };
}

describe('catalog module capi-cluster-entity-provider', () => {
  it('puts every CAPI cluster into the catalog where the Kubernetes catalog cluster locator finds it, and follows deltas', async () => {
    const fleet = new FakeFleet();
    const checkout = makeClusterSummary({
      name: 'checkout-prod',
      owner: 'group:default/team-payments',
      controlPlaneEndpoint: 'https://203.0.113.10:6443',
      gitopsUrl:
        'https://git.example.com/gitops/tree/main/clusters/mc-fra/team-payments/checkout-prod',
    });
    fleet.set(checkout);
    const started = Date.now();
    const { backend, getEntity, publish } = await startBackend(fleet, {
      providers: {
        capi: {
          defaultOwner: 'group:default/platform',
          kubernetes: { authProvider: 'google', caData: CA_DATA },
        },
      },
    });

    try {
      const entity = await waitFor(
        () => getEntity('mc-fra.team-payments.checkout-prod'),
        'the cluster entity',
      );
      const firstEntityMs = Date.now() - started;
      expect(entity.spec).toEqual({
        type: 'kubernetes-cluster',
        owner: 'group:default/team-payments',
      });
      expect(entity.metadata.annotations).toMatchObject({
        'capstan.dev/cluster-ref': 'mc-fra/team-payments/checkout-prod',
        'kubernetes.io/api-server': 'https://203.0.113.10:6443',
        'kubernetes.io/auth-provider': 'google',
      });
      expect(entity.relations).toContainEqual({
        type: 'ownedBy',
        targetRef: 'group:default/team-payments',
      });

      // The exact query CatalogClusterLocator of @backstage/plugin-kubernetes-backend
      // makes: a kubernetes-cluster Resource with API server, CA and auth provider.
      const located = await request(backend.server)
        .get('/api/catalog/entities/by-query')
        .query({
          filter: [
            'kind=Resource,spec.type=kubernetes-cluster,metadata.annotations.kubernetes.io/api-server,metadata.annotations.kubernetes.io/api-server-certificate-authority,metadata.annotations.kubernetes.io/auth-provider',
          ],
        });
      expect(located.status).toBe(200);
      expect(located.body.items.map((e: Entity) => e.metadata.name)).toEqual([
        'mc-fra.team-payments.checkout-prod',
      ]);

      // A new workload cluster shows up from an event, without a restart.
      const search = makeClusterSummary({
        name: 'search-prod',
        controlPlaneEndpoint: 'https://203.0.113.11:6443',
      });
      fleet.set(search);
      const eventAt = Date.now();
      await publish({
        topic: CAPI_EVENT_TOPICS.clusters,
        eventPayload: { changed: [search.id], removed: [checkout.id] },
      });
      const added = await waitFor(
        () => getEntity('mc-fra.team-payments.search-prod'),
        'the new cluster entity',
      );
      const eventToEntityMs = Date.now() - eventAt;
      expect(added.spec?.owner).toBe('group:default/platform');
      await waitFor(
        async () =>
          (await getEntity('mc-fra.team-payments.checkout-prod'))
            ? undefined
            : true,
        'the removed cluster entity to disappear',
      );

      // Figures for the report, not assertions.
      process.stdout.write(
        `catalog-backend-module-capi: first entity after ${firstEntityMs} ms from backend start, event to entity ${eventToEntityMs} ms\n`,
      );
    } finally {
      await backend.stop();
    }
  }, 30_000);

  it('with skipScaffolded, leaves a scaffolded cluster to its registered catalog-info.yaml', async () => {
    // The scaffolder's catalog-info.yaml for the cluster, registered as a
    // location: same entity name, so without skipScaffolded the first of the
    // two sources to claim the ref would win and the other would log conflicts.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'capi-catalog-'));
    const file = path.join(dir, 'catalog-info.yaml');
    await fs.writeFile(
      file,
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Resource',
        'metadata:',
        '  name: mc-fra.team-payments.from-template',
        '  description: written by the scaffolder',
        'spec:',
        '  type: kubernetes-cluster',
        '  owner: group:default/team-payments',
        '',
      ].join('\n'),
    );
    const fleet = new FakeFleet();
    const scaffolded = makeClusterSummary({
      name: 'from-template',
      labels: { 'capstan.dev/profile': 'onprem-fra-prod' },
    });
    const brownfield = makeClusterSummary({ name: 'legacy' });
    fleet.set(scaffolded, brownfield);

    const { backend, getEntity } = await startBackend(fleet, {
      rules: [{ allow: ['Component', 'Location', 'Resource'] }],
      locations: [{ type: 'file', target: file }],
      providers: { capi: { skipScaffolded: true } },
    });
    try {
      await waitFor(
        () => getEntity('mc-fra.team-payments.legacy'),
        'the brownfield cluster entity',
      );
      const fromGit = await waitFor(
        () => getEntity('mc-fra.team-payments.from-template'),
        'the catalog-info.yaml entity',
      );
      expect(fromGit.metadata.description).toBe('written by the scaffolder');
      expect(
        fromGit.metadata.annotations?.['backstage.io/managed-by-location'],
      ).toBe(`file:${file}`);
    } finally {
      await backend.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
