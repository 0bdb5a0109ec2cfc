import type { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
  type LoggerService,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import capiBackendPlugin from '@capstan/plugin-capi-backend';
import type {
  ClusterRef,
  ClusterSummary,
  ManagementClustersResponse,
} from '@capstan/plugin-capi-common';

const neverRunningScheduler: SchedulerService = {
  scheduleTask: async () => {},
  triggerTask: async () => {},
  cancelTask: async () => {},
  createScheduledTaskRunner: () => ({ run: async () => {} }),
  getScheduledTasks: async () => [],
};

/** A root logger that keeps every line, to check what reaches the logs. */
function collectingRootLogger(lines: string[]) {
  const make = (fields: Record<string, unknown>): LoggerService => {
    const log =
      (level: string) => (message: string, meta?: Error | JsonObject) =>
        lines.push(
          `${level} ${message} ${JSON.stringify({
            ...fields,
            ...(meta instanceof Error
              ? { error: `${meta.name}: ${meta.message} ${meta.stack}` }
              : meta),
          })}`,
        );
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: meta => make({ ...fields, ...meta }),
    };
  };
  return createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => make({}),
  });
}

/** A management cluster the test backend watches, with a bearer token. */
export interface WatchedManagementCluster {
  name: string;
  url: string;
  ca: string;
  token: string;
}

/**
 * The capi backend plugin in a test backend, watching management clusters
 * (the real API server, and the simulator for comparisons) with their tokens.
 */
export async function startCapiBackend(
  watched: WatchedManagementCluster | WatchedManagementCluster[],
  options: {
    /** capi.watch.restartInterval: how soon a healthy watch is made again. */
    restartInterval?: string;
    /** Receives every log line (message and metadata as JSON). */
    logs?: string[];
  } = {},
) {
  const mcs = Array.isArray(watched) ? watched : [watched];
  const logs = options.logs;
  const features = logs ? [collectingRootLogger(logs)] : [];
  const backend = await startTestBackend({
    features: [
      ...features,
      capiBackendPlugin,
      mockServices.rootConfig.factory({
        data: {
          capi: {
            managementClusters: mcs.map(mc => ({
              name: mc.name,
              title: mc.name,
              url: mc.url,
              caData: mc.ca,
              auth: { type: 'serviceAccountToken', token: mc.token },
            })),
            staleAfter: '5m',
            watch: {
              initialBackoff: '200ms',
              maxBackoff: '2s',
              ...(options.restartInterval
                ? { restartInterval: options.restartInterval }
                : {}),
            },
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
        factory: () =>
          ({
            getEntityByRef: async () => undefined,
            getEntitiesByRefs: async ({
              entityRefs,
            }: {
              entityRefs: string[];
            }) => ({
              items: entityRefs.map(() => undefined),
            }),
          } as any),
      }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({ publish: async () => {} }),
      }),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => ({ publish: async () => {}, subscribe: async () => {} }),
      }),
    ],
  });
  const address = backend.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${address.port}/api/capi`;
  const fetchAs = (path: string) =>
    fetch(`${baseUrl}${path}`, {
      headers: {
        authorization: mockCredentials.user.header('user:default/platform'),
      },
    });
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetchAs(path);
    if (!res.ok) {
      throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
    }
    return (await res.json()) as T;
  };
  return {
    managementCluster: async () =>
      (await get<ManagementClustersResponse>('/management-clusters')).items[0],
    managementClusters: async () =>
      (await get<ManagementClustersResponse>('/management-clusters')).items,
    /** The read model of one cluster; undefined when the backend has none (404). */
    cluster: async (ref: ClusterRef): Promise<ClusterSummary | undefined> => {
      const path = `/clusters/${encodeURIComponent(
        ref.managementCluster,
      )}/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.name)}`;
      const res = await fetchAs(path);
      if (res.status === 404) return undefined;
      if (!res.ok) {
        throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
      }
      return (await res.json()) as ClusterSummary;
    },
    stop: () => backend.stop(),
  };
}
