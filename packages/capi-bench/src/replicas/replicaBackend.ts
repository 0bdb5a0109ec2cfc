import * as net from 'node:net';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import eventsPlugin from '@backstage/plugin-events-backend';
import signalsPlugin from '@backstage/plugin-signals-backend';
import capiPlugin from '@capstan/plugin-capi-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleCapiClusterEntityProvider from '@capstan/plugin-catalog-backend-module-capi';
import { fixedCatalog, WATCH_DEFAULTS } from '../backends';

/** How long a stopping replica keeps serving while the proxy sees it not ready. */
export const SHUTDOWN_DELAY_S = 3;
/** The events bus long poll, which bounds how long a replica takes to stop. */
export const NOTIFY_TIMEOUT_MS = 3000;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

/** One management cluster as a replica reaches it (through its own tap). */
export interface ReplicaManagementCluster {
  name: string;
  url: string;
  token: string;
}

export interface ReplicaOptions {
  /** PostgreSQL connection string, shared by every replica. */
  connection: string;
  /** Database name prefix of this run: every replica gets the same one. */
  databasePrefix: string;
  managementClusters: ReplicaManagementCluster[];
  entities: Entity[];
  /** How often the compliance snapshot task runs (global scope). */
  complianceEvery: { seconds: number };
  /** How often the capi entity provider's full refresh runs (global scope). */
  catalogRefreshEvery: { seconds: number };
}

export interface Replica {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * One Backstage backend replica as production runs it, in this process:
 * the capi backend, the events backend (its bus on PostgreSQL) and the
 * signals backend, with the real database, scheduler and events services.
 * Identity, permissions (allow) and the catalog are test doubles.
 */
export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  // A real backend (root router with WebSockets, discovery, database,
  // scheduler), not startTestBackend: its root router has no WebSocket
  // support, which the signals backend needs.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const backend = createBackend();
  for (const feature of [
    capiPlugin,
    // The catalog with the capi entity provider, on the shared catalog
    // database: what every replica writes must agree (no flapping).
    catalogPlugin,
    catalogModuleCapiClusterEntityProvider,
    eventsPlugin,
    signalsPlugin,
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl,
          listen: { host: '127.0.0.1', port },
          // Drain as production should: readiness turns 503 at once, the
          // load balancer stops sending, then the plugins and the server
          // stop (in-flight requests finish).
          lifecycle: { serverShutdownDelay: { seconds: SHUTDOWN_DELAY_S } },
          database: {
            client: 'pg',
            connection: options.connection,
            prefix: options.databasePrefix,
          },
        },
        // Fail loudly rather than fall back to in-process delivery.
        events: {
          useEventBus: 'always',
          // The events service long-polls its own backend; the root HTTP
          // server waits for that open request when it stops (55 s by
          // default, so a replica took a minute or more to stop).
          notifyTimeoutMs: NOTIFY_TIMEOUT_MS,
        },
        catalog: {
          providers: {
            capi: {
              schedule: {
                frequency: options.catalogRefreshEvery,
                timeout: { seconds: 60 },
                initialDelay: { seconds: 0 },
              },
            },
          },
        },
        capi: {
          managementClusters: options.managementClusters.map(mc => ({
            name: mc.name,
            url: mc.url,
            // Plain HTTP to this replica's loopback tap (which speaks TLS to
            // the simulator); client-node asks for this flag for http URLs.
            skipTLSVerify: true,
            auth: { type: 'serviceAccountToken', token: mc.token },
          })),
          staleAfter: '5m',
          watch: WATCH_DEFAULTS,
          signals: { debounce: '50ms' },
          compliance: {
            schedule: {
              frequency: options.complianceEvery,
              timeout: { seconds: 30 },
              initialDelay: { seconds: 0 },
            },
          },
        },
      },
    }),
    eventsServiceFactory,
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => fixedCatalog(options.entities),
    }),
    // Test identities: mock tokens are accepted, every read is allowed.
    mockServices.auth.factory(),
    mockServices.httpAuth.factory(),
    mockServices.userInfo.factory(),
    mockServices.permissions.factory(),
    ...(process.env.CAPSTAN_REPLICA_LOGS
      ? []
      : [mockServices.rootLogger.factory()]),
  ]) {
    backend.add(feature);
  }
  await backend.start();
  return { baseUrl, stop: () => backend.stop() };
}
