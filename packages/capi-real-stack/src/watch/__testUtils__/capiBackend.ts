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
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import capiBackendPlugin from '@capstan/plugin-capi-backend';
import type { ManagementClustersResponse } from '@capstan/plugin-capi-common';

const neverRunningScheduler: SchedulerService = {
  scheduleTask: async () => {},
  triggerTask: async () => {},
  cancelTask: async () => {},
  createScheduledTaskRunner: () => ({ run: async () => {} }),
  getScheduledTasks: async () => [],
};

/**
 * The capi backend plugin in a test backend, watching one management cluster
 * (the real API server) with the stack's token.
 */
export async function startCapiBackend(mc: {
  name: string;
  url: string;
  ca: string;
  token: string;
}) {
  const backend = await startTestBackend({
    features: [
      capiBackendPlugin,
      mockServices.rootConfig.factory({
        data: {
          capi: {
            managementClusters: [
              {
                name: mc.name,
                title: mc.name,
                url: mc.url,
                caData: mc.ca,
                auth: { type: 'serviceAccountToken', token: mc.token },
              },
            ],
            staleAfter: '5m',
            watch: { initialBackoff: '200ms', maxBackoff: '2s' },
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
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      headers: {
        authorization: mockCredentials.user.header('user:default/platform'),
      },
    });
    if (!res.ok) {
      throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
    }
    return (await res.json()) as T;
  };
  return {
    managementCluster: async () =>
      (await get<ManagementClustersResponse>('/management-clusters')).items[0],
    stop: () => backend.stop(),
  };
}
