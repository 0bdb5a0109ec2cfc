import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { startInlineFleet, benchEntity, type InlineBenchFleet } from '../fleet';
import { ApiServerTap, type ApiServerLoad } from './ApiServerTap';
import { RoundRobinProxy } from './RoundRobinProxy';
import { startReplica, type Replica } from './replicaBackend';

/** The connection string scripts/postgres.sh exports (Backstage's TestDatabases name). */
export const POSTGRES_ENV =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

export function postgresConnection(): string {
  const connection = process.env[POSTGRES_ENV];
  if (!connection) {
    throw new Error(
      `The replica test needs PostgreSQL (replicas share it, as in production) and ${POSTGRES_ENV} is not set. Run \`source scripts/postgres.sh\` first (scripts/test.sh does).`,
    );
  }
  return connection;
}

function databaseUrl(connection: string, database: string): string {
  const url = new URL(connection);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface ReplicaRunOptions {
  replicas: number;
  managementClusters: number;
  clusters: number;
  entityClusters: number;
  complianceEvery: { seconds: number };
  catalogRefreshEvery: { seconds: number };
}

export interface RunningReplica extends Replica {
  name: string;
  /** One tap per management cluster, by name. */
  taps: Map<string, ApiServerTap>;
  stopped: boolean;
}

export interface ReplicaRun {
  fleet: InlineBenchFleet;
  replicas: RunningReplica[];
  proxy: RoundRobinProxy;
  /** A connection to this run's capi plugin database. */
  capiDatabase: Knex;
  /** A connection to this run's catalog database (shared by the replicas). */
  catalogDatabase: Knex;
  /** API-server requests per replica and management cluster. */
  load(): Array<{ replica: string; managementCluster: string } & ApiServerLoad>;
  stopReplica(replica: RunningReplica): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A simulated fleet, N capi backend replicas sharing one PostgreSQL (a
 * fresh set of databases per run, dropped at the end), each reaching every
 * management cluster through its own counting tap, and a round-robin proxy
 * in front of them.
 */
export async function startReplicaRun(
  options: ReplicaRunOptions,
): Promise<ReplicaRun> {
  const connection = postgresConnection();
  const databasePrefix = `capstan_replicas_${randomBytes(4).toString('hex')}_`;
  const admin = knexFactory({
    client: 'pg',
    connection,
    pool: { min: 0, max: 1 },
  });
  // Fails here, clearly, when the server is not running.
  await admin.raw('select 1');
  const fleet = await startInlineFleet({
    managementClusters: options.managementClusters,
    clusters: options.clusters,
    entityClusters: options.entityClusters,
  });
  const replicas: RunningReplica[] = [];
  const stopReplica = async (replica: RunningReplica) => {
    if (replica.stopped) return;
    replica.stopped = true;
    await replica.stop();
    await Promise.all([...replica.taps.values()].map(t => t.stop()));
  };
  let proxy: RoundRobinProxy | undefined;
  let capiDatabase: Knex | undefined;
  let catalogDatabase: Knex | undefined;
  const stop = async () => {
    await proxy?.stop();
    await Promise.all(replicas.map(stopReplica));
    await capiDatabase?.destroy();
    await catalogDatabase?.destroy();
    await fleet.stop();
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${databasePrefix}%`],
    );
    for (const { datname } of rows as Array<{ datname: string }>) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
    await admin.destroy();
  };
  try {
    for (let i = 0; i < options.replicas; i++) {
      const taps = new Map<string, ApiServerTap>();
      for (const mc of fleet.managementClusters) {
        taps.set(
          mc.name,
          await ApiServerTap.start({ target: mc.url, caData: mc.caData }),
        );
      }
      const replica = await startReplica({
        connection,
        databasePrefix,
        managementClusters: fleet.managementClusters.map(mc => ({
          name: mc.name,
          url: taps.get(mc.name)!.url,
          token: mc.readOnlyToken,
        })),
        entities: [benchEntity],
        complianceEvery: options.complianceEvery,
        catalogRefreshEvery: options.catalogRefreshEvery,
      });
      replicas.push({
        ...replica,
        name: String.fromCharCode(65 + i),
        taps,
        stopped: false,
      });
    }
    proxy = await RoundRobinProxy.start(replicas.map(r => r.baseUrl));
    capiDatabase = knexFactory({
      client: 'pg',
      connection: databaseUrl(connection, `${databasePrefix}capi`),
      pool: { min: 0, max: 2 },
    });
    catalogDatabase = knexFactory({
      client: 'pg',
      connection: databaseUrl(connection, `${databasePrefix}catalog`),
      pool: { min: 0, max: 2 },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    fleet,
    replicas,
    proxy,
    capiDatabase,
    catalogDatabase,
    load: () =>
      replicas.flatMap(r =>
        [...r.taps].map(([managementCluster, tap]) => ({
          replica: r.name,
          managementCluster,
          ...tap.load,
        })),
      ),
    stopReplica,
    stop,
  };
}
