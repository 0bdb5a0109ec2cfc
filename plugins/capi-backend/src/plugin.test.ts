import {
  BackstageCredentials,
  createServiceFactory,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { startSimulator, Simulator } from '@capstan/capi-simulator';
import {
  capiClusterConditions,
  createCapiClusterConditionalDecision,
} from '@capstan/plugin-capi-node';
import {
  capiClusterReadPermission,
  CLUSTER_STATUSES,
  type ClusterSummary,
  ComplianceResponse,
  EntityClustersResponse,
  FleetResponse,
  type ManagementClustersResponse,
} from '@capstan/plugin-capi-common';
import request from 'supertest';
import {
  cluster,
  eventually,
  RESOURCES,
  wholeCluster,
} from './__testUtils__/fixtures';
import { capiPlugin } from './plugin';

// Real HTTPS servers on a shared 2-core machine: allow for load.
jest.setTimeout(90_000);

const ADMIN = mockCredentials.user.header('user:default/admin');
const DEV = mockCredentials.user.header('user:default/dev');
const HOUR = 3_600_000;

function isAdmin(credentials: BackstageCredentials) {
  const principal = credentials.principal as { userEntityRef?: string };
  return principal.userEntityRef === 'user:default/admin';
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: {
        'capstan.dev/clusters': 'mc-a/default/listed, not-a-ref',
        'capstan.dev/cluster-selector': 'team=payments',
      },
    },
    spec: { type: 'service', owner: 'group:default/team-payments' },
    relations: [
      { type: 'dependsOn', targetRef: 'resource:default/mc-b.default.related' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'mc-b.default.related',
      namespace: 'default',
      annotations: { 'capstan.dev/cluster-ref': 'mc-b/default/related' },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/team-payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'secret',
      namespace: 'default',
      annotations: {
        'capstan.dev/clusters': 'mc-a/default/listed',
        'test/admin-only': 'true',
      },
    },
    spec: { type: 'service', owner: 'group:default/admins' },
  },
];

/** A catalog that hides admin-only entities from everyone but the admin. */
function fakeCatalog(): CatalogService {
  const visible = (e: Entity, credentials: BackstageCredentials) =>
    !e.metadata.annotations?.['test/admin-only'] || isAdmin(credentials);
  const find = (ref: string) =>
    entities.find(
      e =>
        `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase() ===
        ref.toLowerCase(),
    );
  const catalog: Partial<CatalogService> = {
    async getEntityByRef(ref, { credentials }) {
      const entity = find(String(ref));
      return entity && visible(entity, credentials) ? entity : undefined;
    },
    async getEntitiesByRefs({ entityRefs }, { credentials }) {
      return {
        items: entityRefs.map(ref => {
          const entity = find(ref);
          return entity && visible(entity, credentials) ? entity : undefined;
        }),
      };
    },
  };
  return catalog as CatalogService;
}

describe('capi backend plugin', () => {
  let sim: Simulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let server: Parameters<typeof request>[0];
  const tasks = new Map<string, SchedulerServiceTaskFunction>();
  const signals: Array<{ channel: string; message: unknown }> = [];
  const events: Array<{ topic: string; eventPayload: unknown }> = [];
  const get = (path: string, auth = ADMIN) =>
    request(server).get(`/api/capi${path}`).set('Authorization', auth);

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: [
        'mc-a',
        'mc-b',
        { name: 'mc-old', servedVersions: ['v1beta1'] },
      ],
      reconcile: false,
      patchSimulation: false,
      bookmarkIntervalMs: 200,
    });
    const a = sim.get('mc-a');
    const overdueSince = new Date(Date.now() - 72 * HOUR).toISOString();
    const put = (mc: typeof a, objects: ReturnType<typeof wholeCluster>) =>
      objects.forEach(([resource, object]) =>
        mc.store.create(resource, object),
      );
    put(a, wholeCluster('listed'));
    put(a, wholeCluster('selected', { labels: { team: 'payments' } }));
    put(
      a,
      wholeCluster('scaffolded', {
        labels: {
          'capstan.dev/entity-kind': 'component',
          'capstan.dev/entity-namespace': 'default',
          'capstan.dev/entity-name': 'checkout',
          'capstan.dev/owner': 'team-payments',
          'capstan.dev/profile': 'onprem',
        },
        annotations: { 'capstan.dev/owner-ref': 'group:default/team-payments' },
        machineAnnotations: {
          'capstan.dev/patch-last-patched': new Date(
            Date.now() - 100 * HOUR,
          ).toISOString(),
          'capstan.dev/patch-pending-security-updates': '3',
          'capstan.dev/patch-security-pending-since': overdueSince,
          'capstan.dev/patch-reboot-required': 'true',
        },
      }),
    );
    put(a, wholeCluster('unrelated', { labels: { team: 'search' } }));
    put(sim.get('mc-b'), wholeCluster('related'));
    put(
      sim.get('mc-old'),
      wholeCluster('legacy', {
        annotations: { 'capstan.dev/entity-ref': 'component:default/checkout' },
      }),
    );

    backend = await startTestBackend({
      features: [
        capiPlugin,
        mockServices.rootConfig.factory({
          data: {
            capi: {
              managementClusters: sim.managementClusters.map(mc => ({
                name: mc.name,
                title: `Management ${mc.name}`,
                url: mc.url,
                caData: mc.caData,
                auth: { type: 'serviceAccountToken', token: mc.readOnlyToken },
              })),
              staleAfter: '1s',
              watch: {
                restartInterval: '1m',
                initialBackoff: '20ms',
                maxBackoff: '200ms',
              },
              signals: { debounce: '20ms' },
              patch: { policy: { securityOverdueAfter: '48h' } },
              profiles: {
                onprem: {
                  title: 'On-prem Frankfurt',
                  managementCluster: 'mc-a',
                  namespace: 'default',
                  clusterClass: { name: 'vsphere-class' },
                  kubernetesVersions: [
                    'v1.33.4',
                    'v1.33.5',
                    'v1.34.1',
                    'v1.35.0',
                  ],
                  machineSizes: {
                    small: { cpu: 2, memoryMiB: 4096, diskGiB: 40 },
                  },
                  vsphere: {
                    server: 'vcenter.internal',
                    datacenter: 'dc1',
                    datastore: 'ds1',
                    network: 'vlan-42',
                    template: 'ubuntu',
                    ipPool: { name: 'pool' },
                  },
                },
              },
              gitops: {
                repoUrl: '/tmp/capstan-gitops',
                webUrl: 'https://git.example.com/clusters/tree/{branch}/{path}',
              },
            },
          },
        }),
        mockServices.permissions.mock({
          authorize: async (requests, options) =>
            requests.map(() => ({
              result: isAdmin(options.credentials)
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
            })),
          // Everyone but the admin reads the clusters team-payments owns.
          authorizeConditional: async (requests, options) =>
            requests.map(() =>
              isAdmin(options.credentials)
                ? { result: AuthorizeResult.ALLOW }
                : createCapiClusterConditionalDecision(
                    capiClusterReadPermission,
                    capiClusterConditions.isClusterOwner({
                      claims: ['group:default/team-payments'],
                    }),
                  ),
            ),
        }).factory,
        mockServices.scheduler.mock({
          scheduleTask: async task => {
            tasks.set(task.id, task.fn);
          },
        }).factory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => fakeCatalog(),
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
            publish: async (params: {
              topic: string;
              eventPayload: unknown;
            }) => {
              events.push({
                topic: params.topic,
                eventPayload: params.eventPayload,
              });
            },
            subscribe: async () => {},
          }),
        }),
      ],
    });
    server = backend.server;
    await eventually(async () => {
      const res = await get('/management-clusters');
      const states = (res.body as ManagementClustersResponse).items.map(
        i => i.state,
      );
      if (states.join() !== 'synced,synced,synced') {
        throw new Error(`management clusters not synced yet: ${states}`);
      }
    }, 10_000);
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  it('lists profiles without infrastructure details', async () => {
    const res = await get('/profiles', DEV);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        name: 'onprem',
        title: 'On-prem Frankfurt',
        clusterClass: 'vsphere-class',
        kubernetesVersions: ['v1.33.4', 'v1.33.5', 'v1.34.1', 'v1.35.0'],
        machineSizes: [{ name: 'small' }],
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('vcenter.internal');
  });

  it('serves the ClusterClasses it watches (v1beta2, and v1beta1 on an older CAPI), with their variables, to services and users', async () => {
    const service = mockCredentials.service.header();
    for (const mc of ['mc-a', 'mc-old']) {
      sim.get(mc).store.create('clusterclasses.cluster.x-k8s.io', {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        kind: 'ClusterClass',
        metadata: { name: 'proxy-class', namespace: 'default' },
        spec: {},
        status: {
          variables: [
            {
              name: 'kubeProxyMode',
              definitions: [
                {
                  from: 'inline',
                  required: true,
                  schema: {
                    openAPIV3Schema: { type: 'string', enum: ['ipvs'] },
                  },
                },
              ],
            },
          ],
        },
      });
    }
    const body = await eventually(async () => {
      const res = await get('/cluster-classes?name=proxy-class', service);
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: any) => c.managementCluster)).toEqual([
        'mc-a',
        'mc-old',
      ]);
      return res.body;
    }, 10_000);
    expect(body.items[0].variables).toEqual([
      {
        name: 'kubeProxyMode',
        required: true,
        from: 'inline',
        schema: { type: 'string', enum: ['ipvs'] },
      },
    ]);
    expect((await get('/cluster-classes', DEV)).status).toBe(200);
  });

  it('reports management cluster health to fleet readers only', async () => {
    const res = await get('/management-clusters');
    expect(res.body.items).toEqual([
      expect.objectContaining({
        name: 'mc-a',
        title: 'Management mc-a',
        state: 'synced',
        apiVersion: 'v1beta2',
        stale: false,
        clusterCount: 4,
        machineCount: 12,
      }),
      expect.objectContaining({
        name: 'mc-b',
        state: 'synced',
        clusterCount: 1,
      }),
      expect.objectContaining({
        name: 'mc-old',
        state: 'synced',
        apiVersion: 'v1beta1',
        clusterCount: 1,
      }),
    ]);
    const denied = await get('/management-clusters', DEV);
    expect(denied.status).toBe(403);
    expect(JSON.stringify(denied.body)).not.toContain('mc-a');
  });

  it("resolves an entity's clusters from annotations, selector, scaffolder labels and catalog relations", async () => {
    const res = await get('/clusters?entityRef=component:default/checkout');
    expect(res.status).toBe(200);
    const body = res.body as EntityClustersResponse;
    expect(body.entityRef).toBe('component:default/checkout');
    expect(body.items.map(c => c.id)).toEqual([
      'mc-a/default/listed',
      'mc-a/default/scaffolded',
      'mc-a/default/selected',
      'mc-b/default/related',
      'mc-old/default/legacy',
    ]);
    expect(body.staleManagementClusters).toEqual([]);

    const owned = await get(
      '/clusters?entityRef=group:default/team-payments',
      DEV,
    );
    expect(owned.body.items.map((c: ClusterSummary) => c.id)).toEqual([
      'mc-a/default/scaffolded',
    ]);

    // Annotations and selectors only narrow: a caller who may read only
    // team-payments' clusters gets only those of the entity's clusters.
    const narrowed = await get(
      '/clusters?entityRef=component:default/checkout',
      DEV,
    );
    expect(narrowed.body.items.map((c: ClusterSummary) => c.id)).toEqual([
      'mc-a/default/scaffolded',
    ]);
  });

  it('builds the full read model of a cluster', async () => {
    const res = await get('/clusters/mc-a/default/scaffolded');
    expect(res.status).toBe(200);
    const summary = res.body as ClusterSummary;
    expect(summary).toMatchObject({
      id: 'mc-a/default/scaffolded',
      owner: 'group:default/team-payments',
      entityRefs: ['component:default/checkout'],
      profile: 'onprem',
      status: 'Available',
      upgradeOptions: ['v1.33.5', 'v1.34.1'],
      gitopsPath: 'clusters/mc-a/default/scaffolded',
      gitopsUrl:
        'https://git.example.com/clusters/tree/main/clusters/mc-a/default/scaffolded',
      controlPlaneEndpoint: 'https://scaffolded.k8s.example.com:6443',
      patch: { total: 3, overdue: 3, rebootRequired: 3, compliance: 0 },
      apiVersion: 'v1beta2',
      stale: false,
    });
    expect(summary.nodePools).toEqual([
      expect.objectContaining({
        name: 'md-0',
        kind: 'MachineDeployment',
        class: 'default-worker',
        desiredReplicas: 2,
        replicas: 2,
        readyReplicas: 2,
        rollingOut: false,
        patch: expect.objectContaining({ total: 2, overdue: 2 }),
      }),
    ]);
    expect(summary.machines[0]).toMatchObject({
      name: 'scaffolded-cp-1',
      pool: 'control-plane',
      nodeName: 'scaffolded-cp-1',
      kubeletVersion: 'v1.33.4',
      osImage: 'Ubuntu 24.04.1 LTS',
      kernelVersion: '6.8.0-45-generic',
      certificatesExpiryDate: '2027-11-25T10:00:00Z',
      patch: {
        state: 'overdue',
        rebootRequired: true,
        pendingSecurityUpdates: 3,
        source: 'annotations',
      },
    });
    // Trimmed on arrival: no last-applied annotation, no managedFields.
    expect(JSON.stringify(summary)).not.toContain('last-applied');
    expect(JSON.stringify(summary)).not.toContain('managedFields');
  });

  it('hides entities and clusters the caller may not read, leaking nothing', async () => {
    const hidden = await get(
      '/clusters?entityRef=component:default/secret',
      DEV,
    );
    const missing = await get(
      '/clusters?entityRef=component:default/nope',
      DEV,
    );
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain('listed');
    expect(
      (await get('/clusters?entityRef=component:default/secret')).status,
    ).toBe(200);

    // A conditional read decision: only clusters the caller's team owns.
    expect((await get('/clusters/mc-a/default/scaffolded', DEV)).status).toBe(
      200,
    );
    const unrelated = await get('/clusters/mc-a/default/unrelated', DEV);
    const unknown = await get('/clusters/mc-a/default/does-not-exist', DEV);
    expect(unrelated.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(unrelated.body.error.message).toBe(
      unknown.body.error.message.replace('does-not-exist', 'unrelated'),
    );
    expect((await get('/clusters/mc-a/default/listed', DEV)).status).toBe(404);

    for (const path of [
      '/fleet',
      '/fleet/compliance',
      '/management-clusters',
    ]) {
      const res = await get(path, DEV);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
  });

  it('rejects bad parameters with 400 and a message', async () => {
    const cases: Array<[string, string]> = [
      ['/clusters', 'entityRef'],
      ['/clusters?entityRef=not a ref:/', 'Invalid entityRef'],
      ['/fleet?limit=0', 'limit'],
      ['/fleet?status=Sleeping', 'status'],
      ['/fleet?color=blue', 'color'],
      ['/fleet/compliance?from=yesterday', 'from'],
      [
        '/fleet/compliance?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
        'from must not be after to',
      ],
      ['/fleet/compliance?scope=everything', 'scope'],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.message).toContain(message);
    }
  });

  it('filters the fleet by every status a cluster can show', async () => {
    for (const status of CLUSTER_STATUSES) {
      const res = await get(`/fleet?status=${status}`);
      expect({ status, code: res.status }).toEqual({ status, code: 200 });
      for (const c of (res.body as FleetResponse).items) {
        expect(c.status).toBe(status);
      }
    }
  });

  it('serves the fleet: summary, filters and pages', async () => {
    const res = await get('/fleet?limit=2');
    expect(res.status).toBe(200);
    const body = res.body as FleetResponse;
    expect(body.summary).toMatchObject({
      clusters: 6,
      machines: 18,
      byStatus: { Available: 6 },
      byVersion: { 'v1.33.4': 6 },
      patch: { total: 18, overdue: 3, unknown: 15 },
    });
    expect(body.summary.overdue).toEqual([
      expect.objectContaining({
        clusterId: 'mc-a/default/scaffolded',
        owner: 'group:default/team-payments',
      }),
    ]);
    expect(body.summary.overdue[0].machines).toHaveLength(3);
    expect(body.policy).toEqual({ securityOverdueAfterHours: 48 });
    expect(body).toMatchObject({ total: 6, offset: 0, limit: 2 });
    expect(body.items.map(c => c.id)).toEqual([
      'mc-a/default/listed',
      'mc-a/default/scaffolded',
    ]);
    expect(body.managementClusters).toHaveLength(3);

    const page2 = (await get('/fleet?limit=2&offset=2')).body as FleetResponse;
    expect(page2.items.map(c => c.id)).toEqual([
      'mc-a/default/selected',
      'mc-a/default/unrelated',
    ]);

    const filtered = async (query: string) =>
      ((await get(`/fleet?${query}`)).body as FleetResponse).items.map(
        c => c.id,
      );
    expect(await filtered('managementCluster=mc-b,mc-old')).toEqual([
      'mc-b/default/related',
      'mc-old/default/legacy',
    ]);
    expect(await filtered('patchState=overdue')).toEqual([
      'mc-a/default/scaffolded',
    ]);
    expect(await filtered('owner=group:default/team-payments')).toEqual([
      'mc-a/default/scaffolded',
    ]);
    expect(
      await filtered(
        'version=1.33.4&phase=Provisioned&status=Available&search=leg',
      ),
    ).toEqual(['mc-old/default/legacy']);
    expect(await filtered('version=v1.30.0')).toEqual([]);
  });

  it('records compliance snapshots and serves them as a series', async () => {
    const snapshot = tasks.get('capi-compliance-snapshot');
    expect(snapshot).toBeDefined();
    const from = new Date(Date.now() - 1000).toISOString();
    await snapshot!(new AbortController().signal);
    // Patch the overdue machines, then snapshot again.
    const a = sim.get('mc-a');
    for (const name of [
      'scaffolded-cp-1',
      'scaffolded-md-0-0',
      'scaffolded-md-0-1',
    ]) {
      a.store.mergePatch(RESOURCES.machines, 'default', name, {
        metadata: {
          annotations: {
            'capstan.dev/patch-last-patched': new Date().toISOString(),
            'capstan.dev/patch-pending-security-updates': '0',
            'capstan.dev/patch-security-pending-since': null,
            'capstan.dev/patch-reboot-required': 'false',
          },
        },
      });
    }
    await eventually(async () => {
      const c = (await get('/clusters/mc-a/default/scaffolded'))
        .body as ClusterSummary;
      expect(c.patch.upToDate).toBe(3);
    }, 2000);
    await new Promise(r => setTimeout(r, 5));
    await snapshot!(new AbortController().signal);

    const res = await get(
      `/fleet/compliance?from=${from}&scope=fleet&scope=owner:group:default/team-payments,cluster:mc-a/default/scaffolded`,
    );
    expect(res.status).toBe(200);
    const body = res.body as ComplianceResponse;
    expect(body.series.map(s => s.scope)).toEqual([
      'fleet',
      'owner:group:default/team-payments',
      'cluster:mc-a/default/scaffolded',
    ]);
    const [fleet, owner, single] = body.series;
    expect(fleet.points.map(p => [p.total, p.overdue, p.upToDate])).toEqual([
      [18, 3, 0],
      [18, 0, 3],
    ]);
    expect(owner.points.map(p => p.compliance)).toEqual([0, 1]);
    expect(single.points).toHaveLength(2);
    const empty = await get(
      `/fleet/compliance?to=${from}&from=${new Date(
        Date.now() - 86_400_000,
      ).toISOString()}`,
    );
    expect(empty.body.series).toEqual([{ scope: 'fleet', points: [] }]);
  });

  it('shows a status change within 2 s and signals a refresh notice per entity and on the fleet channel', async () => {
    signals.length = 0;
    events.length = 0;
    const started = Date.now();
    sim
      .get('mc-a')
      .store.mergePatch(RESOURCES.clusters, 'default', 'scaffolded', {
        status: {
          conditions: [
            {
              type: 'Available',
              status: 'False',
              reason: 'NotAvailable',
              lastTransitionTime: new Date().toISOString(),
            },
            {
              type: 'ControlPlaneAvailable',
              status: 'False',
              reason: 'EtcdUnhealthy',
              message: 'etcd member down',
              lastTransitionTime: new Date().toISOString(),
            },
          ],
        },
      });
    await eventually(async () => {
      const c = (await get('/clusters/mc-a/default/scaffolded'))
        .body as ClusterSummary;
      expect(c.status).toBe('Degraded');
      expect(c.headline).toMatchObject({
        type: 'ControlPlaneAvailable',
        reason: 'EtcdUnhealthy',
      });
    }, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    await eventually(() => {
      const channels = signals.map(s => s.channel);
      expect(channels).toEqual(
        expect.arrayContaining([
          'capi:fleet',
          'capi:entity:component:default/checkout',
          'capi:entity:group:default/team-payments',
        ]),
      );
    });
    // Notices name no cluster: any signed-in user may subscribe to a channel.
    expect(signals.map(s => s.message)).toEqual(
      signals.map(() => ({ type: 'refresh' })),
    );
    // Linked from the entity side (label selector), signalled once the entity was viewed.
    signals.length = 0;
    await get('/clusters?entityRef=component:default/checkout', DEV);
    sim
      .get('mc-a')
      .store.mergePatch(RESOURCES.clusters, 'default', 'selected', {
        metadata: { labels: { touched: 'yes' } },
      });
    await eventually(() =>
      expect(signals).toContainEqual({
        channel: 'capi:entity:component:default/checkout',
        message: { type: 'refresh' },
      }),
    );
    expect(events.slice(0, 1)).toEqual([
      {
        topic: 'capstan.capi.clusters',
        eventPayload: { changed: ['mc-a/default/scaffolded'], removed: [] },
      },
    ]);
  });

  it('survives garbage objects without crashing or corrupting other data', async () => {
    const a = sim.get('mc-a');
    a.store.create(RESOURCES.clusters, {
      metadata: {
        name: 'garbage',
        namespace: 'default',
        labels: { ok: 'yes' },
      },
      spec: { topology: 'not-an-object', controlPlaneRef: 42 },
      status: { phase: 7, conditions: 'broken', initialization: [] },
    } as never);
    a.store.create(RESOURCES.machines, {
      metadata: { name: 'garbage-m', namespace: 'default' },
      spec: { clusterName: 'garbage', version: { nope: true } },
      status: {
        nodeInfo: 'x',
        addresses: 'y',
        certificatesExpiryDate: 'not a date',
      },
    } as never);
    await eventually(async () => {
      const res = await get('/clusters/mc-a/default/garbage');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        phase: 'Unknown',
        conditions: [],
        machines: [{ name: 'garbage-m', phase: 'Unknown' }],
      });
    });
    expect((await get('/clusters/mc-a/default/listed')).body.status).toBe(
      'Available',
    );
    a.store.delete(RESOURCES.machines, 'default', 'garbage-m');
    a.store.delete(RESOURCES.clusters, 'default', 'garbage');
    await eventually(async () =>
      expect((await get('/clusters/mc-a/default/garbage')).status).toBe(404),
    );
  });

  it('recovers from dropped watches and forced 410 with correct data', async () => {
    const b = sim.get('mc-b');
    b.faults.expireResourceVersions();
    b.faults.dropWatches();
    b.store.create(RESOURCES.clusters, cluster('after-gone'));
    b.store.delete(RESOURCES.clusters, 'default', 'related');
    await eventually(async () => {
      const ids = (
        (await get('/fleet?managementCluster=mc-b')).body as FleetResponse
      ).items.map(c => c.id);
      expect(ids).toEqual(['mc-b/default/after-gone']);
    });
    b.store.create(RESOURCES.clusters, cluster('related'));
    b.store.delete(RESOURCES.clusters, 'default', 'after-gone');
    await eventually(async () => {
      const ids = (
        (await get('/fleet?managementCluster=mc-b')).body as FleetResponse
      ).items.map(c => c.id);
      expect(ids).toEqual(['mc-b/default/related']);
    });
  });

  it('flags a down management cluster stale after capi.staleAfter, keeps the others fresh, and recovers', async () => {
    const old = sim.get('mc-old');
    signals.length = 0;
    await old.faults.down();
    await eventually(async () => {
      const health = (
        (await get('/management-clusters')).body as ManagementClustersResponse
      ).items;
      expect(health.find(h => h.name === 'mc-old')).toMatchObject({
        state: 'down',
        stale: true,
      });
      expect(health.find(h => h.name === 'mc-old')!.lastError).toBeTruthy();
      expect(
        health.filter(h => h.name !== 'mc-old').map(h => [h.state, h.stale]),
      ).toEqual([
        ['synced', false],
        ['synced', false],
      ]);
    }, 5000);
    expect(signals).toContainEqual({
      channel: 'capi:fleet',
      message: { type: 'refresh' },
    });
    const legacy = (await get('/clusters/mc-old/default/legacy'))
      .body as ClusterSummary;
    expect(legacy).toMatchObject({ stale: true, status: 'Available' });
    expect(legacy.staleReason).toContain('mc-old');
    const entity = (await get('/clusters?entityRef=component:default/checkout'))
      .body as EntityClustersResponse;
    expect(entity.staleManagementClusters).toEqual(['mc-old']);
    expect(entity.items.find(c => c.id === 'mc-a/default/listed')!.stale).toBe(
      false,
    );

    old.store.mergePatch(RESOURCES.clusters, 'default', 'legacy', {
      metadata: { labels: { changed: 'while-down' } },
    });
    await old.faults.up();
    await eventually(async () => {
      const c = (await get('/clusters/mc-old/default/legacy'))
        .body as ClusterSummary;
      expect(c.stale).toBe(false);
      expect(c.labels.changed).toBe('while-down');
    }, 5000);
  });
});
