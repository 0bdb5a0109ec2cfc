/*
 * Acceptance test of issue 12's read side: every capi REST endpoint through
 * the real backend — the real permission backend, Capstan's shipped policy
 * module, the real permissions registry and permission client — against a
 * simulated management cluster, for five kinds of caller.
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
import {
  catalogServiceRef,
  CatalogService,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import permissionBackend from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { startSimulator, Simulator } from '@capstan/capi-simulator';
import {
  capiClusterDeletePermission,
  capiClusterReadPermission,
  capiClusterUpdatePermission,
  type ClusterSummary,
  type FleetResponse,
} from '@capstan/plugin-capi-common';
import capiPolicyModule from '@capstan/plugin-permission-backend-module-capi-policy';
import request from 'supertest';
import { eventually, wholeCluster } from './__testUtils__/fixtures';
import { pluginRequestHttpAuthFactory } from './__testUtils__/pluginRequestAuth';
import { capiPlugin } from './plugin';

jest.setTimeout(60_000);

const PAY = 'mc-a/default/pay-1';
const CHK = 'mc-a/default/chk-1';
const ORPHAN = 'mc-a/default/orphan-1';
const HOSTILE = 'mc-a/default/hostile-dates';

/** Group memberships, as a sign-in resolver would put them into the token. */
const MEMBERSHIPS: Record<string, string[]> = {
  'user:default/mia': ['group:default/team-payments'],
  'user:default/carl': ['group:default/team-checkout'],
  'user:default/pia': ['group:default/team-platform'],
};

type Caller = 'owner' | 'other' | 'platform' | 'unauthenticated' | 'service';
const HEADERS: Record<Caller, string> = {
  owner: mockCredentials.user.header('user:default/mia'),
  other: mockCredentials.user.header('user:default/carl'),
  platform: mockCredentials.user.header('user:default/pia'),
  unauthenticated: mockCredentials.none.header(),
  // A backend plugin calling on its own behalf (e.g. the catalog module).
  service: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('plugin:catalog'),
    targetPluginId: 'capi',
  }),
};

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: {
        // Hostile: lists another team's cluster and selects every cluster.
        'capstan.dev/clusters': `${CHK}, ${ORPHAN}`,
        'capstan.dev/cluster-selector': '!nonexistent',
      },
    },
    spec: { type: 'service', owner: 'group:default/team-payments' },
  },
];

function fakeCatalog(): CatalogService {
  const find = (ref: string) =>
    entities.find(
      e =>
        `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase() ===
        ref.toLowerCase(),
    );
  const catalog: Partial<CatalogService> = {
    async getEntityByRef(ref) {
      return find(String(ref));
    },
    async getEntitiesByRefs({ entityRefs }) {
      return { items: entityRefs.map(find) };
    },
  };
  return catalog as CatalogService;
}

describe('tenancy: every capi endpoint × caller, with the shipped policy', () => {
  let sim: Simulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const get = (path: string, caller: Caller) => {
    return request(backend.server)
      .get(`/api/capi${path}`)
      .set('Authorization', HEADERS[caller]);
  };

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['mc-a'],
      reconcile: false,
      patchSimulation: false,
      bookmarkIntervalMs: 200,
    });
    const a = sim.get('mc-a');
    const put = (objects: ReturnType<typeof wholeCluster>) =>
      objects.forEach(([resource, object]) => a.store.create(resource, object));
    put(
      wholeCluster('pay-1', {
        labels: { 'capstan.dev/owner': 'team-payments' },
        annotations: {
          'capstan.dev/owner-ref': 'group:default/team-payments',
          'capstan.dev/entity-ref': 'component:default/payments-api',
        },
      }),
    );
    put(
      wholeCluster('chk-1', {
        annotations: { 'capstan.dev/owner-ref': 'group:default/team-checkout' },
      }),
    );
    put(wholeCluster('orphan-1'));
    // Patch annotations a broken patch controller wrote: must not take down /fleet.
    put(
      wholeCluster('hostile-dates', {
        annotations: { 'capstan.dev/owner-ref': 'group:default/team-platform' },
        machineAnnotations: {
          'capstan.dev/patch-pending-security-updates': '2',
          'capstan.dev/patch-security-pending-since':
            '+275760-09-13T00:00:00.000Z',
          'capstan.dev/patch-last-patched': '1764072000',
        },
      }),
    );

    backend = await startTestBackend({
      features: [
        capiPlugin,
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
              managementClusters: sim.managementClusters.map(mc => ({
                name: mc.name,
                url: mc.url,
                caData: mc.caData,
                auth: { type: 'serviceAccountToken', token: mc.readOnlyToken },
              })),
              watch: { initialBackoff: '20ms', maxBackoff: '200ms' },
            },
          },
        }),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => fakeCatalog(),
        }),
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({ publish: async () => {} }),
        }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => ({
            publish: async () => {},
            subscribe: async () => {},
          }),
        }),
      ],
    });
    await eventually(async () => {
      const res = await get('/management-clusters', 'platform');
      const [mc] = res.body.items ?? [];
      if (mc?.state !== 'synced' || mc.clusterCount !== 4) {
        throw new Error(`not synced yet: ${JSON.stringify(mc)}`);
      }
    }, 20_000);
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  const ALL = [CHK, HOSTILE, ORPHAN, PAY];
  const ids = (body: { items: ClusterSummary[] }) => body.items.map(c => c.id);

  describe.each<
    [string, Record<Caller, number>, Partial<Record<Caller, string[]>>?]
  >([
    [
      '/clusters?entityRef=component:default/payments-api',
      {
        owner: 200,
        other: 200,
        platform: 200,
        unauthenticated: 401,
        service: 200,
      },
      // The entity lists and selects every cluster; each caller gets only theirs.
      { owner: [PAY], other: [CHK], platform: ALL, service: ALL },
    ],
    [
      `/clusters/${PAY}`,
      {
        owner: 200,
        other: 404,
        platform: 200,
        unauthenticated: 401,
        service: 200,
      },
    ],
    [
      `/clusters/${CHK}`,
      {
        owner: 404,
        other: 200,
        platform: 200,
        unauthenticated: 401,
        service: 200,
      },
    ],
    [
      `/clusters/${ORPHAN}`,
      {
        owner: 404,
        other: 404,
        platform: 200,
        unauthenticated: 401,
        service: 200,
      },
    ],
    [
      '/fleet',
      {
        owner: 403,
        other: 403,
        platform: 200,
        unauthenticated: 401,
        service: 200,
      },
    ],
    [
      '/fleet?search=chk',
      {
        owner: 403,
        other: 403,
        platform: 200,
        unauthenticated: 401,
        service: 200,
      },
    ],
    [
      '/fleet/compliance',
      {
        owner: 403,
        other: 403,
        platform: 200,
        unauthenticated: 401,
        service: 200,
      },
    ],
    [
      '/management-clusters',
      {
        owner: 403,
        other: 403,
        platform: 200,
        unauthenticated: 401,
        service: 200,
      },
    ],
    [
      '/profiles',
      {
        owner: 200,
        other: 200,
        platform: 200,
        unauthenticated: 401,
        service: 200,
      },
    ],
  ])('GET %s', (path, statuses, lists = {}) => {
    it.each(Object.entries(statuses) as Array<[Caller, number]>)(
      'as %s answers %i',
      async (caller, status) => {
        const res = await get(path, caller);
        expect(res.status).toBe(status);
        // Cluster names the answer may carry: the listed ones, all of them
        // for a full view, only the asked-for one for a denial.
        const listed = lists[caller];
        const visible =
          status === 200 ? listed ?? ALL : ALL.filter(i => path.includes(i));
        const text = JSON.stringify(res.body);
        expect(
          ALL.filter(i => !visible.includes(i)).filter(i =>
            text.includes(i.split('/')[2]),
          ),
        ).toEqual([]);
        expect(listed ? ids(res.body).sort() : 'no list').toEqual(
          listed ?? 'no list',
        );
      },
    );
  });

  it('answers a denied detail exactly like an unknown cluster', async () => {
    const denied = await get(`/clusters/${CHK}`, 'owner');
    const unknown = await get('/clusters/mc-a/default/no-such', 'owner');
    expect(denied.status).toBe(unknown.status);
    expect(denied.body.error.message).toBe(
      unknown.body.error.message.replace('no-such', 'chk-1'),
    );
  });

  it('tells the plain member the fleet view is for the platform team', async () => {
    const res = await get('/fleet', 'owner');
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('platform team'),
    });
  });

  it('keeps /fleet up with out-of-range and bare-number patch dates, counting them unknown', async () => {
    const res = await get('/fleet?search=hostile', 'platform');
    expect(res.status).toBe(200);
    const body = res.body as FleetResponse;
    expect(body.items.map(c => c.id)).toEqual([HOSTILE]);
    expect(body.items[0].patch).toMatchObject({ unknown: 3, pending: 0 });
    expect(JSON.stringify(body)).not.toContain('275760');
    // Fleet items carry no machines: the detail endpoint has them.
    const detail = await get(`/clusters/${HOSTILE}`, 'platform');
    expect(detail.status).toBe(200);
    expect(detail.body.machines).toHaveLength(3);
    expect(JSON.stringify(detail.body)).not.toContain('275760');
  });

  it('lets the permission backend apply cluster conditions through the registry (getResources from the live cache)', async () => {
    const authorize = async (user: string, resourceRef: string) => {
      const res = await request(backend.server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header(user))
        .send({
          items: [
            { id: '1', permission: capiClusterDeletePermission, resourceRef },
            { id: '2', permission: capiClusterUpdatePermission, resourceRef },
            { id: '3', permission: capiClusterReadPermission, resourceRef },
          ],
        });
      expect(res.status).toBe(200);
      return (res.body.items as Array<{ result: string }>).map(i => i.result);
    };
    const allow = Array(3).fill(AuthorizeResult.ALLOW);
    const deny = Array(3).fill(AuthorizeResult.DENY);
    expect(await authorize('user:default/mia', PAY)).toEqual(allow);
    expect(await authorize('user:default/mia', CHK)).toEqual(deny);
    expect(await authorize('user:default/carl', CHK)).toEqual(allow);
    expect(await authorize('user:default/mia', 'mc-a/default/no-such')).toEqual(
      deny,
    );
    expect(await authorize('user:default/pia', ORPHAN)).toEqual(allow);
  });
});
