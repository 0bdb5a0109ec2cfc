import type { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import type { JsonObject } from '@backstage/types';
import capiBackendPlugin from '@capstan/plugin-capi-backend';
import type {
  ChangeRequest,
  ChangeRequestsResponse,
  ChangeRequestSubmission,
  ClusterSummary,
  ManagementClustersResponse,
} from '@capstan/plugin-capi-common';
import scaffolderModuleCapi from '@capstan/plugin-scaffolder-backend-module-capi';
import type { WatchedManagementCluster } from '../../watch/__testUtils__/capiBackend';

function milliseconds(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
): number | undefined {
  if (typeof frequency !== 'object' || frequency === null) return undefined;
  const f = frequency as Record<string, number | undefined>;
  const ms =
    (f.milliseconds ?? 0) +
    (f.seconds ?? 0) * 1_000 +
    (f.minutes ?? 0) * 60_000 +
    (f.hours ?? 0) * 3_600_000;
  return ms > 0 ? ms : undefined;
}

/**
 * A scheduler that runs every task with a fixed frequency on a timer in this
 * process (the change request tracker, the GitOps mirror's fetch); cron
 * schedules never run.
 */
function timerScheduler(timers: NodeJS.Timeout[]): SchedulerService {
  return {
    scheduleTask: async task => {
      const every = milliseconds(task.frequency);
      if (!every) return;
      let running = false;
      timers.push(
        setInterval(() => {
          if (running) return;
          running = true;
          Promise.resolve(task.fn(new AbortController().signal))
            .catch(() => {})
            .finally(() => {
              running = false;
            });
        }, every),
      );
    },
    triggerTask: async () => {},
    cancelTask: async () => {},
    createScheduledTaskRunner: () => ({ run: async () => {} }),
    getScheduledTasks: async () => [],
  };
}

/**
 * The capi backend plugin and the scaffolder module in one test backend, as
 * a Backstage instance runs them: the `capi:*` actions publish to the GitOps
 * repository and hand their change requests to the capi backend (service to
 * service, through discovery), which follows them on the watched management
 * cluster, reads the branch through its GitOps mirror and Argo CD
 * Applications where `argocd` is on.
 */
export async function startTrackingBackend(options: {
  managementCluster: WatchedManagementCluster;
  gitopsRepo: string;
  /** `capi.profiles` for the scaffolder module. */
  profiles: JsonObject;
  /** `capi.changeRequests.stuckAfter`, e.g. `20m`. */
  stuckAfter: string;
}) {
  const timers: NodeJS.Timeout[] = [];
  const actions: TemplateAction<any, any, any>[] = [];
  const mc = options.managementCluster;
  const backend = await startTestBackend({
    extensionPoints: [
      [
        scaffolderActionsExtensionPoint,
        {
          addActions: (...a: TemplateAction<any, any, any>[]) =>
            actions.push(...a),
        },
      ],
    ],
    features: [
      capiBackendPlugin,
      scaffolderModuleCapi,
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
            profiles: options.profiles,
            gitops: {
              repoUrl: options.gitopsRepo,
              branch: 'main',
              publishMode: 'commit',
              author: { name: 'Capstan', email: 'capstan@example.com' },
            },
            changeRequests: {
              pollInterval: '500ms',
              stuckAfter: options.stuckAfter,
            },
            drift: { gracePeriod: '1m' },
            argocd: { enabled: true, namespace: 'argocd' },
          },
        },
      }),
      mockServices.permissions.factory(),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => timerScheduler(timers),
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
            }) => ({ items: entityRefs.map(() => undefined) }),
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

  async function call<T>(
    path: string,
    init: RequestInit & { as: 'user' | 'service' },
  ): Promise<T> {
    const res = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization:
          init.as === 'user'
            ? mockCredentials.user.header('user:default/platform')
            : mockCredentials.service.header(),
      },
    });
    if (!res.ok) {
      throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    }
    return (await res.json()) as T;
  }

  let tasks = 0;
  return {
    /** Runs one `capi:*` action as the scaffolder would, as `user:default/platform`. */
    async runAction(
      id: string,
      input: JsonObject,
      workspacePath: string,
      taskId: string = `task-${++tasks}`,
    ): Promise<Record<string, unknown>> {
      const action = actions.find(a => a.id === id);
      if (!action) throw new Error(`action ${id} is not registered`);
      const outputs: Record<string, unknown> = {};
      const ctx = createMockActionContext({ input, workspacePath });
      await action.handler({
        ...ctx,
        task: { id: taskId },
        user: { ref: 'user:default/platform' },
        output: (name: string, value: unknown) => {
          outputs[name] = value;
        },
      } as Parameters<typeof action.handler>[0]);
      return outputs;
    },
    /** Waits until the management cluster was listed completely. */
    async synced(name: string, timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { items } = await call<ManagementClustersResponse>(
          '/management-clusters',
          { as: 'user' },
        ).catch(() => ({ items: [] as ManagementClustersResponse['items'] }));
        if (items.find(h => h.name === name)?.state === 'synced') return;
        if (Date.now() > deadline) {
          throw new Error(`management cluster ${name} did not sync`);
        }
        await new Promise(r => setTimeout(r, 250));
      }
    },
    /** The change requests of a cluster (`mc/ns/name`), open or recently ended. */
    changeRequests: async (cluster: string): Promise<ChangeRequest[]> =>
      (
        await call<ChangeRequestsResponse>(
          `/change-requests?cluster=${encodeURIComponent(cluster)}`,
          { as: 'user' },
        )
      ).items,
    /** The read model of one cluster (`mc/ns/name`), as the card reads it. */
    cluster: (cluster: string): Promise<ClusterSummary> =>
      call<ClusterSummary>(`/clusters/${cluster}`, { as: 'user' }),
    /** Hands a change request over as a service, as the scaffolder module does. */
    record: (submission: ChangeRequestSubmission) =>
      call<ChangeRequest>('/change-requests', {
        method: 'POST',
        body: JSON.stringify(submission),
        as: 'service',
      }),
    async stop() {
      timers.forEach(t => clearInterval(t));
      await backend.stop();
    },
  };
}
