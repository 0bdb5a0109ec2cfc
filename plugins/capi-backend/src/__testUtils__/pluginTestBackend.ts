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
import {
  AuthorizeResult,
  PermissionCondition,
} from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { startSimulator, Simulator } from '@capstan/capi-simulator';
import {
  capiClusterConditions,
  createCapiClusterConditionalDecision,
} from '@capstan/plugin-capi-node';
import {
  capiClusterReadPermission,
  type ManagementClustersResponse,
} from '@capstan/plugin-capi-common';
import request from 'supertest';
import { capiPlugin } from '../plugin';
import { eventually, wholeCluster } from './fixtures';

/*
 * The capi backend plugin in a test backend against three simulated
 * management clusters (mc-a, mc-b, mc-old serving only v1beta1), with a
 * fake catalog, a mock permission policy and recorded signals, events and
 * scheduled tasks. Shared by the plugin.*.test.ts files; each file starts
 * its own backend and simulator, so tests in different files never see
 * each other's changes.
 */

// Real HTTPS servers on a shared 2-core machine: allow for load.
jest.setTimeout(90_000);

/** May do everything. */
export const ADMIN = mockCredentials.user.header('user:default/admin');
/** Reads only the clusters team-payments owns; no fleet view. */
export const DEV = mockCredentials.user.header('user:default/dev');
export const HOUR = 3_600_000;

/**
 * Users for whom the mock policy returns a read condition it got wrong, by
 * what is wrong with it.
 */
export const MISCONFIGURED_POLICY: Record<
  'unknownRule' | 'wrongParams' | 'wrongResourceType',
  { user: string; condition: PermissionCondition }
> = {
  unknownRule: {
    user: 'user:default/typo',
    condition: {
      rule: 'IS_CLUSTER_OWNR',
      resourceType: 'capi-cluster',
      params: { claims: ['group:default/team-payments'] },
    },
  },
  wrongParams: {
    user: 'user:default/bad-params',
    condition: {
      rule: 'IS_CLUSTER_OWNER',
      resourceType: 'capi-cluster',
      params: { claim: 'group:default/team-payments' },
    },
  },
  wrongResourceType: {
    user: 'user:default/wrong-type',
    condition: {
      rule: 'IS_ENTITY_OWNER',
      resourceType: 'catalog-entity',
      params: { claims: ['group:default/team-payments'] },
    },
  },
};

function misconfiguredCondition(
  credentials: BackstageCredentials,
): PermissionCondition | undefined {
  const principal = credentials.principal as { userEntityRef?: string };
  return Object.values(MISCONFIGURED_POLICY).find(
    entry => entry.user === principal.userEntityRef,
  )?.condition;
}

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

/** What the tests see of the running backend. */
export interface PluginTestBackend {
  /** The simulator; set once `beforeAll` ran. */
  readonly sim: Simulator;
  /** Scheduled task functions by id (the scheduler only records them). */
  readonly tasks: Map<string, SchedulerServiceTaskFunction>;
  readonly signals: Array<{ channel: string; message: unknown }>;
  readonly events: Array<{ topic: string; eventPayload: unknown }>;
  /** GET /api/capi<path> as the given caller (the admin by default). */
  get(path: string, auth?: string): request.Test;
}

/**
 * Starts the backend in `beforeAll` (once the three management clusters are
 * synced) and stops it in `afterAll` of the calling test file.
 */
export function usePluginTestBackend(): PluginTestBackend {
  let sim: Simulator | undefined;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
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
          // (Users in MISCONFIGURED_POLICY get the condition named there.)
          authorizeConditional: async (requests, options) =>
            requests.map(() => {
              if (isAdmin(options.credentials)) {
                return { result: AuthorizeResult.ALLOW };
              }
              const broken = misconfiguredCondition(options.credentials);
              return broken
                ? {
                    result: AuthorizeResult.CONDITIONAL,
                    pluginId: 'capi',
                    resourceType: 'capi-cluster',
                    conditions: broken,
                  }
                : createCapiClusterConditionalDecision(
                    capiClusterReadPermission,
                    capiClusterConditions.isClusterOwner({
                      claims: ['group:default/team-payments'],
                    }),
                  );
            }),
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
    // The initial lists go out as debounced batches of cluster events after
    // "synced": let them arrive, so each test sees only its own changes.
    await eventually(() => {
      if (events.length === 0) throw new Error('no cluster events yet');
    }, 10_000);
    for (let seen = -1; seen !== events.length; ) {
      seen = events.length;
      await new Promise(r => setTimeout(r, 500));
    }
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  return {
    get sim() {
      if (!sim) throw new Error('the test backend has not started yet');
      return sim;
    },
    tasks,
    signals,
    events,
    get,
  };
}
