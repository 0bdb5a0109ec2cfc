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

/** A catalog-info.yaml in a temporary folder, to register as a file location. */
async function catalogFile(lines: string[]) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'capi-catalog-'));
  const file = path.join(dir, 'catalog-info.yaml');
  await fs.writeFile(file, lines.join('\n'));
  return { file, remove: () => fs.rm(dir, { recursive: true, force: true }) };
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
        () => getEntity(checkout.entityName!),
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
        checkout.entityName,
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
        () => getEntity(search.entityName!),
        'the new cluster entity',
      );
      const eventToEntityMs = Date.now() - eventAt;
      expect(added.spec?.owner).toBe('group:default/platform');
      await waitFor(
        async () =>
          (await getEntity(checkout.entityName!)) ? undefined : true,
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
    const fleet = new FakeFleet();
    const scaffolded = makeClusterSummary({
      name: 'from-template',
      labels: {
        'capstan.dev/profile': 'onprem-fra-prod',
        'capstan.dev/catalog-id': '5b0e7d2c9a14f3e86d21',
      },
    });
    const brownfield = makeClusterSummary({ name: 'legacy' });
    fleet.set(scaffolded, brownfield);

    const { file, remove } = await catalogFile([
      'apiVersion: backstage.io/v1alpha1',
      'kind: Resource',
      'metadata:',
      `  name: ${scaffolded.entityName}`,
      '  description: written by the scaffolder',
      'spec:',
      '  type: kubernetes-cluster',
      '  owner: group:default/team-payments',
      '',
    ]);
    const { backend, getEntity } = await startBackend(fleet, {
      rules: [{ allow: ['Component', 'Location', 'Resource'] }],
      locations: [{ type: 'file', target: file }],
      providers: { capi: { skipScaffolded: true } },
    });
    try {
      await waitFor(
        () => getEntity(brownfield.entityName!),
        'the brownfield cluster entity',
      );
      const fromGit = await waitFor(
        () => getEntity(scaffolded.entityName!),
        'the catalog-info.yaml entity',
      );
      expect(fromGit.metadata.description).toBe('written by the scaffolder');
      expect(
        fromGit.metadata.annotations?.['backstage.io/managed-by-location'],
      ).toBe(`file:${file}`);
    } finally {
      await backend.stop();
      await remove();
    }
  }, 30_000);

  it("keeps a cluster's name out of the relations of its owner group and its component, which everyone may read", async () => {
    // The catalog does not filter relations by permission: whoever may read
    // the group sees the refs of the entities it owns.
    const { file, remove } = await catalogFile([
      'apiVersion: backstage.io/v1alpha1',
      'kind: Group',
      'metadata:',
      '  name: team-payments',
      'spec:',
      '  type: team',
      '  children: []',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: payments-api',
      'spec:',
      '  type: service',
      '  lifecycle: production',
      '  owner: group:default/team-payments',
      '',
    ]);
    const fleet = new FakeFleet();
    const cluster = makeClusterSummary({
      managementCluster: 'onprem-fra',
      namespace: 'team-payments',
      name: 'payments-prod-eu',
      owner: 'group:default/team-payments',
      entityRefs: ['component:default/payments-api'],
      labels: { 'capstan.dev/catalog-id': '0f3a9c51d2e84b7a6c10' },
    });
    fleet.set(cluster);
    const { backend } = await startBackend(fleet, {
      rules: [{ allow: ['Component', 'Group', 'Location', 'Resource'] }],
      locations: [{ type: 'file', target: file }],
      providers: { capi: {} },
    });
    const relationsOf = async (ref: string) => {
      const res = await request(backend.server).get(
        `/api/catalog/entities/by-name/${ref}`,
      );
      return res.status === 200
        ? (res.body as Entity).relations ?? []
        : undefined;
    };
    const clusterRef = `resource:default/${cluster.entityName}`;
    try {
      const groupRelations = await waitFor(async () => {
        const relations = await relationsOf('group/default/team-payments');
        return relations?.some(r => r.targetRef === clusterRef)
          ? relations
          : undefined;
      }, "the group's ownerOf relation to the cluster");
      const componentRelations = await waitFor(async () => {
        const relations = await relationsOf('component/default/payments-api');
        return relations?.some(r => r.targetRef === clusterRef)
          ? relations
          : undefined;
      }, "the component's dependsOn relation to the cluster");

      expect(groupRelations).toContainEqual({
        type: 'ownerOf',
        targetRef: clusterRef,
      });
      expect(componentRelations).toContainEqual({
        type: 'dependsOn',
        targetRef: clusterRef,
      });
      const targets = [...groupRelations, ...componentRelations]
        .map(r => r.targetRef)
        .filter(ref => ref.startsWith('resource:'));
      expect(targets).toEqual([clusterRef, clusterRef]);
      for (const part of ['onprem', 'fra', 'payments', 'prod', 'eu']) {
        expect(targets.join(' ')).not.toContain(part);
      }
    } finally {
      await backend.stop();
      await remove();
    }
  }, 30_000);
});
