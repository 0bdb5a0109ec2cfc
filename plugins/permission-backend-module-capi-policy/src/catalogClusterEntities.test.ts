/*
 * Cluster `Resource` entities in the catalog follow the cluster permissions:
 * the real catalog backend (its permission rules, applied in its database
 * queries and to single entities), the real permission backend and this
 * module's policy, for each kind of caller.
 */
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { pluginRequestHttpAuthFactory } from './__testUtils__/pluginRequestAuth';
import capiPolicyModule from './index';

// A whole catalog backend on a shared, busy machine: allow for load.
jest.setTimeout(90_000);

/** Group memberships, as a sign-in resolver would put them into the token. */
const MEMBERSHIPS: Record<string, string[]> = {
  'user:default/mia': ['group:default/team-payments'],
  'user:default/carl': ['group:default/team-checkout'],
  'user:default/pia': ['group:default/team-platform'],
};

type Caller = 'platform' | 'owner' | 'other' | 'service' | 'unauthenticated';
const HEADERS: Record<Caller, string> = {
  platform: mockCredentials.user.header('user:default/pia'),
  owner: mockCredentials.user.header('user:default/mia'),
  other: mockCredentials.user.header('user:default/carl'),
  // Another backend plugin (e.g. the Kubernetes plugin's catalog cluster
  // locator) reading on its own behalf.
  service: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('plugin:kubernetes'),
    targetPluginId: 'catalog',
  }),
  unauthenticated: mockCredentials.none.header(),
};

function resource(
  name: string,
  type: string,
  owner: string,
  annotations: Record<string, string> = {},
): object {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations },
    spec: { type, owner },
  };
}

const ENTITIES = [
  // As the catalog module emits a cluster ...
  resource('mc-a.default.pay-1', 'kubernetes-cluster', 'group:team-payments', {
    'capstan.dev/cluster-ref': 'mc-a/default/pay-1',
    'kubernetes.io/api-server': 'https://203.0.113.10:6443',
  }),
  // ... and as the scaffolder's catalog-info.yaml does (no annotation needed).
  resource('mc-a.default.pay-2', 'kubernetes-cluster', 'group:team-payments'),
  resource('mc-a.default.chk-1', 'kubernetes-cluster', 'group:team-checkout', {
    'capstan.dev/cluster-ref': 'mc-a/default/chk-1',
  }),
  // A cluster a user owns in person.
  resource('mc-a.default.carl-1', 'kubernetes-cluster', 'user:default/carl'),
  // Other entities stay visible to everyone, as before.
  resource('payments-db', 'database', 'group:team-payments'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:team-payments',
      dependsOn: ['resource:mc-a.default.pay-1'],
    },
  },
];

const CLUSTERS = [
  'mc-a.default.carl-1',
  'mc-a.default.chk-1',
  'mc-a.default.pay-1',
  'mc-a.default.pay-2',
];
const OTHERS = ['payments-api', 'payments-db'];

describe('catalog entities of clusters, with the shipped policy', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let dir: string;
  const get = (url: string, caller: Caller) =>
    request(backend.server)
      .get(`/api/catalog${url}`)
      .set('Authorization', HEADERS[caller]);
  const names = async (url: string, caller: Caller) => {
    const res = await get(url, caller);
    expect(res.status).toBe(200);
    return (res.body.items as Entity[]).map(e => e.metadata.name).sort();
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'capi-policy-catalog-'));
    const file = path.join(dir, 'catalog-info.yaml');
    await fs.writeFile(
      file,
      ENTITIES.map(entity => JSON.stringify(entity)).join('\n---\n'),
    );
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        permissionBackend,
        capiPolicyModule,
        permissionsServiceFactory,
        permissionsRegistryServiceFactory,
        pluginRequestHttpAuthFactory,
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials: BackstageCredentials) {
              const { userEntityRef } = credentials.principal as {
                userEntityRef: string;
              };
              return {
                userEntityRef,
                ownershipEntityRefs: [
                  userEntityRef,
                  ...(MEMBERSHIPS[userEntityRef] ?? []),
                ],
              };
            },
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            capi: {
              permissions: { platformGroups: ['group:default/team-platform'] },
            },
            catalog: {
              rules: [{ allow: ['Component', 'Resource', 'Location'] }],
              locations: [{ type: 'file', target: file }],
            },
          },
        }),
      ],
    });
    // Wait for the catalog to ingest the file.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const listed = await names('/entities/by-query?limit=100', 'service');
      if (listed.length >= CLUSTERS.length + OTHERS.length) break;
      if (Date.now() > deadline) throw new Error(`not ingested: ${listed}`);
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    await backend?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  const QUERY = '/entities/by-query?filter=kind=component,kind=resource';

  it.each<[Caller, string[]]>([
    ['platform', [...CLUSTERS, ...OTHERS].sort()],
    ['owner', ['mc-a.default.pay-1', 'mc-a.default.pay-2', ...OTHERS].sort()],
    ['other', ['mc-a.default.carl-1', 'mc-a.default.chk-1', ...OTHERS].sort()],
    ['service', [...CLUSTERS, ...OTHERS].sort()],
  ])('lists to %s: %j', async (caller, expected) => {
    expect(await names(QUERY, caller)).toEqual(expected);
    expect(
      await names(
        '/entities/by-query?filter=spec.type=kubernetes-cluster',
        caller,
      ),
    ).toEqual(expected.filter(name => CLUSTERS.includes(name)));
  });

  it.each<[Caller, number, number]>([
    // caller, own-team cluster (team-payments'), other team's cluster (team-checkout's)
    ['platform', 200, 200],
    ['owner', 200, 404],
    ['other', 404, 200],
    ['service', 200, 200],
    ['unauthenticated', 401, 401],
  ])(
    'answers %s for a single cluster entity by name: pay-1 %d, chk-1 %d',
    async (caller, pay, chk) => {
      const byName = (name: string) =>
        get(`/entities/by-name/resource/default/${name}`, caller);
      expect((await byName('mc-a.default.pay-1')).status).toBe(pay);
      expect((await byName('mc-a.default.chk-1')).status).toBe(chk);
      expect((await byName('payments-db')).status).toBe(
        caller === 'unauthenticated' ? 401 : 200,
      );
    },
  );

  it("hides another team's cluster from lookups by ref and from facets", async () => {
    const byRefs = await request(backend.server)
      .post('/api/catalog/entities/by-refs')
      .set('Authorization', HEADERS.other)
      .send({
        entityRefs: [
          'resource:default/mc-a.default.pay-1',
          'component:default/payments-api',
        ],
      });
    expect(byRefs.status).toBe(200);
    expect(
      byRefs.body.items.map((e: Entity | null) => e?.metadata.name ?? null),
    ).toEqual([null, 'payments-api']);

    const facets = await get(
      '/entity-facets?facet=metadata.annotations.kubernetes.io/api-server',
      'other',
    );
    expect(facets.status).toBe(200);
    expect(
      facets.body.facets['metadata.annotations.kubernetes.io/api-server'],
    ).toEqual([]);
    const platformFacets = await get(
      '/entity-facets?facet=metadata.annotations.kubernetes.io/api-server',
      'platform',
    );
    expect(
      platformFacets.body.facets[
        'metadata.annotations.kubernetes.io/api-server'
      ],
    ).toEqual([{ value: 'https://203.0.113.10:6443', count: 1 }]);
  });
});
