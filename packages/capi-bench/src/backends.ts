import type { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import type { FleetConnections } from './fleet';
import type { ManagementClustersResponse } from '@capstan/plugin-capi-common';
import { waitFor } from './stats';

/** A signed-in user, as the browser would call the API. */
export const USER_AUTH = mockCredentials.user.header('user:default/bench');

/** A catalog holding only the given entities, visible to everyone. */
export function fixedCatalog(entities: Entity[]): CatalogService {
  const find = (ref: string) =>
    entities.find(
      e =>
        `${e.kind}:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }`.toLowerCase() === ref.toLowerCase(),
    );
  const catalog: Partial<CatalogService> = {
    async getEntityByRef(ref) {
      return find(typeof ref === 'string' ? ref : stringifyEntityRef(ref));
    },
    async getEntitiesByRefs({ entityRefs }) {
      return { items: entityRefs.map(ref => find(ref)) };
    },
  };
  return catalog as CatalogService;
}

/** Scheduled tasks (the compliance recorder) never run during measurements. */
const neverRunningScheduler: SchedulerService = {
  scheduleTask: async () => {},
  triggerTask: async () => {},
  cancelTask: async () => {},
  createScheduledTaskRunner: () => ({ run: async () => {} }),
  getScheduledTasks: async () => [],
};

export interface RunningBackend {
  baseUrl: string;
  stop(): Promise<void>;
}

export interface PublishedSignal {
  channel: string;
  at: number;
}

export interface CapiBackend extends RunningBackend {
  /** Every signal published, with `performance.now()` when it was published. */
  signals: PublishedSignal[];
  get<T>(path: string): Promise<T>;
  managementClusters(): Promise<ManagementClustersResponse>;
}

export interface CapiBackendOptions {
  entities: Entity[];
  staleAfter?: string;
  watch?: {
    restartInterval?: string;
    initialBackoff?: string;
    maxBackoff?: string;
    pageSize?: number;
  };
  signalsDebounce?: string;
}

/** The plugin's documented defaults (README), set explicitly. */
export const WATCH_DEFAULTS = {
  restartInterval: '5m',
  pageSize: 500,
  initialBackoff: '500ms',
  maxBackoff: '30s',
};

function listeningUrl(server: { address(): string | AddressInfo | null }) {
  const address = server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Connection-level failures (undici's "fetch failed") retried once: a
 * keep-alive socket the server closes as a request goes out is a client race,
 * not a wrong answer. Counted, and reported with the figures.
 */
export const networkRetries: string[] = [];

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  const request = () =>
    fetch(url, {
      ...init,
      headers: {
        authorization: USER_AUTH,
        'content-type': 'application/json',
        ...init?.headers,
      },
    });
  try {
    res = await request();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } })
      .cause;
    networkRetries.push(
      `${new URL(url).pathname}: ${
        cause?.code ?? cause?.message ?? (error as Error).message
      }`,
    );
    res = await request();
  }
  const text = await res.text();
  if (!res.ok) {
    throw new Error(
      `${init?.method ?? 'GET'} ${url}: HTTP ${res.status} ${text.slice(
        0,
        300,
      )}`,
    );
  }
  return JSON.parse(text) as T;
}

/**
 * The Capstan capi backend plugin in a test backend on a random loopback
 * port, pointed at the simulator with its read-only tokens. Fleet reads are
 * allowed to everyone; the compliance task is never run.
 */
export async function startCapiBackend(
  sim: FleetConnections,
  options: CapiBackendOptions,
): Promise<CapiBackend> {
  const signals: PublishedSignal[] = [];
  const backend = await startTestBackend({
    features: [
      import('@capstan/plugin-capi-backend'),
      mockServices.rootConfig.factory({
        data: {
          capi: {
            managementClusters: sim.managementClusters.map(mc => ({
              name: mc.name,
              title: `Simulated ${mc.name}`,
              url: mc.url,
              caData: mc.caData,
              auth: { type: 'serviceAccountToken', token: mc.readOnlyToken },
            })),
            staleAfter: options.staleAfter ?? '5m',
            // Pinned to the documented defaults: a change of defaults must
            // not silently change the figures.
            watch: { ...WATCH_DEFAULTS, ...options.watch },
            signals: options.signalsDebounce
              ? { debounce: options.signalsDebounce }
              : {},
          },
        },
      }),
      mockServices.permissions.factory(),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => neverRunningScheduler,
      }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => fixedCatalog(options.entities),
      }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          publish: async (signal: { channel: string }) => {
            if (signals.length < 1_000_000) {
              signals.push({ channel: signal.channel, at: performance.now() });
            }
          },
        }),
      }),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => ({ publish: async () => {}, subscribe: async () => {} }),
      }),
    ],
  });
  const baseUrl = `${listeningUrl(backend.server)}/api/capi`;
  const get = <T>(path: string) => getJson<T>(`${baseUrl}${path}`);
  return {
    baseUrl,
    signals,
    get,
    managementClusters: () =>
      get<ManagementClustersResponse>('/management-clusters'),
    stop: () => backend.stop(),
  };
}

/** Waits until every management cluster is synced and the cache holds `machines` Machines. */
export async function waitForSync(
  backend: CapiBackend,
  expected: { clusters: number; machines: number },
  timeoutMs: number,
) {
  return waitFor(
    `the capi backend to sync ${expected.clusters} clusters / ${expected.machines} machines`,
    async () => {
      const { items } = await backend.managementClusters();
      const synced = items.every(i => i.state === 'synced');
      const clusters = items.reduce((a, i) => a + i.clusterCount, 0);
      const machines = items.reduce((a, i) => a + i.machineCount, 0);
      if (
        synced &&
        clusters === expected.clusters &&
        machines === expected.machines
      ) {
        return true;
      }
      throw new Error(`${clusters} clusters / ${machines} machines so far`);
    },
    { timeoutMs, intervalMs: 100 },
  );
}

/** The CAPI kinds, as Backstage's Kubernetes backend names custom resources. */
export const CAPI_CUSTOM_RESOURCES = [
  { group: 'cluster.x-k8s.io', apiVersion: 'v1beta2', plural: 'clusters' },
  {
    group: 'cluster.x-k8s.io',
    apiVersion: 'v1beta2',
    plural: 'machinedeployments',
  },
  { group: 'cluster.x-k8s.io', apiVersion: 'v1beta2', plural: 'machines' },
];

/**
 * Backstage's own Kubernetes backend, one configured cluster per simulated
 * management cluster, fetching only the CAPI custom resources.
 */
export async function startKubernetesBackend(
  sim: FleetConnections,
  entities: Entity[],
): Promise<
  RunningBackend & {
    objectsOf(entity: Entity): Promise<KubernetesObjectsResponse>;
  }
> {
  const backend = await startTestBackend({
    features: [
      import('@backstage/plugin-kubernetes-backend'),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: sim.managementClusters.map(mc => ({
                  name: mc.name,
                  url: mc.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: mc.readOnlyToken,
                  caData: Buffer.from(mc.caData).toString('base64'),
                })),
              },
            ],
            // Only the CAPI kinds: no pods, deployments, ... that the simulator does not serve.
            objectTypes: ['customresources'],
            customResources: CAPI_CUSTOM_RESOURCES,
          },
        },
      }),
      mockServices.permissions.factory(),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => fixedCatalog(entities),
      }),
    ],
  });
  const baseUrl = `${listeningUrl(backend.server)}/api/kubernetes`;
  return {
    baseUrl,
    stop: () => backend.stop(),
    objectsOf: (entity: Entity) =>
      getJson<KubernetesObjectsResponse>(
        `${baseUrl}/services/${entity.metadata.name}`,
        {
          method: 'POST',
          body: JSON.stringify({ entity }),
        },
      ),
  };
}

/** The part of Backstage's `ObjectsByEntityResponse` the benchmark checks. */
export interface KubernetesObjectsResponse {
  items: Array<{
    cluster: { name: string };
    errors: unknown[];
    resources: Array<{ type: string; resources: unknown[] }>;
  }>;
}
