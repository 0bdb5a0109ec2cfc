import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { cluster, machine } from '../__testUtils__/fixtures';
import { normaliseCluster, normaliseMachine } from '../normalise';
import type { TrimmedObject } from '../normalise/types';
import { AnnotationPatchStateProvider } from './AnnotationPatchStateProvider';
import { ComplianceRecorder } from './ComplianceRecorder';
import { FleetIndex } from './FleetIndex';
import { FleetReader } from './FleetReader';
import type { ManagementClusterWatcher } from './ManagementClusterWatcher';
import { PatchPolicy } from './PatchPolicy';
import { DEFAULT_PATCH_ANNOTATIONS } from '@capstan/plugin-capi-common';

jest.setTimeout(60_000);

// PostgreSQL runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
// points at a server; SQLite always.
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const HOUR = 3_600_000;

/** A management cluster watcher that reports `mc` as never synced yet. */
const connectingWatcher = {
  name: 'mc',
  health: () => ({
    name: 'mc',
    title: 'mc',
    state: 'connecting',
    stale: false,
    clusterCount: 0,
    machineCount: 0,
  }),
  staleness: () => ({ stale: false }),
} as unknown as ManagementClusterWatcher;

function fleet(
  now: () => number,
  options: { clusters?: string[]; connecting?: boolean } = {},
) {
  const clusters = new Set(options.clusters ?? ['a', 'b']);
  const policy = new PatchPolicy({
    securityOverdueAfterMs: 48 * HOUR,
    providers: [
      new AnnotationPatchStateProvider({ ...DEFAULT_PATCH_ANNOTATIONS }),
    ],
  });
  const index = new FleetIndex({
    patchStateOf: (mc, m, at) =>
      policy.evaluate({ ...m, managementCluster: mc }, at),
    now,
  });
  const reader = new FleetReader({
    index,
    watchers: options.connecting ? [connectingWatcher] : [],
    policy,
  });
  const put = (o: unknown, trim: (o: unknown, v: string) => unknown) =>
    index.upsert('mc', trim(o, 'v1beta2') as TrimmedObject);
  if (clusters.has('a')) {
    put(
      cluster('a', {
        annotations: { 'capstan.dev/owner-ref': 'group:default/Team-A' },
      }),
      normaliseCluster,
    );
  }
  if (clusters.has('b')) put(cluster('b'), normaliseCluster);
  const overdue = {
    'capstan.dev/patch-pending-security-updates': '1',
    'capstan.dev/patch-security-pending-since': new Date(
      now() - 72 * HOUR,
    ).toISOString(),
  };
  const fine = {
    'capstan.dev/patch-pending-updates': '0',
    'capstan.dev/patch-last-patched': new Date(now()).toISOString(),
  };
  if (clusters.has('a')) {
    put(machine('a', 'a-1', { annotations: overdue }), normaliseMachine);
    put(machine('a', 'a-2', { annotations: fine }), normaliseMachine);
  }
  if (clusters.has('b')) put(machine('b', 'b-1'), normaliseMachine);
  return { index, reader };
}

describe('ComplianceRecorder', () => {
  it.each(databases.eachSupportedId())(
    'migrates, snapshots and reads series on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = Date.parse('2026-11-20T00:00:00Z');
      const { reader, index } = fleet(() => now);
      const recorder = await ComplianceRecorder.create({
        database: { getClient: async () => knex },
        reader,
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      expect(await recorder.snapshot()).toBe(4); // fleet, owner, two clusters
      now += HOUR;
      index.remove('mc', 'Machine', 'default', 'a-1');
      // Unchanged cluster b is not written again; its value carries forward.
      expect(await recorder.snapshot()).toBe(3);

      const series = await recorder.series({
        from: new Date('2026-11-19T00:00:00Z'),
        to: new Date('2026-11-21T00:00:00Z'),
        scopes: [
          'fleet',
          'owner:group:default/team-a',
          'cluster:mc/default/b',
          'cluster:mc/default/none',
        ],
      });
      expect(series).toEqual([
        {
          scope: 'fleet',
          points: [
            {
              at: '2026-11-20T00:00:00.000Z',
              upToDate: 1,
              pending: 0,
              overdue: 1,
              unknown: 1,
              rebootRequired: 0,
              total: 3,
              compliance: 1 / 3,
            },
            {
              at: '2026-11-20T01:00:00.000Z',
              upToDate: 1,
              pending: 0,
              overdue: 0,
              unknown: 1,
              rebootRequired: 0,
              total: 2,
              compliance: 0.5,
            },
          ],
        },
        {
          scope: 'owner:group:default/team-a',
          points: [
            expect.objectContaining({ overdue: 1, total: 2, compliance: 0.5 }),
            expect.objectContaining({ overdue: 0, total: 1, compliance: 1 }),
          ],
        },
        {
          scope: 'cluster:mc/default/b',
          points: [
            expect.objectContaining({ unknown: 1 }),
            expect.objectContaining({ unknown: 1 }),
          ],
        },
        { scope: 'cluster:mc/default/none', points: [] },
      ]);
      const later = await recorder.series({
        from: new Date('2026-11-20T00:30:00Z'),
        to: new Date('2026-11-20T02:00:00Z'),
        scopes: ['fleet'],
      });
      expect(later[0].points.map(p => p.at)).toEqual([
        '2026-11-20T01:00:00.000Z',
      ]);

      // A cluster that is gone gets an all-zero row once, then nothing.
      now += HOUR;
      index.remove('mc', 'Machine', 'default', 'b-1');
      index.remove('mc', 'Cluster', 'default', 'b');
      expect(await recorder.snapshot()).toBe(3); // fleet, owner, tombstone of b
      now += HOUR;
      expect(await recorder.snapshot()).toBe(2); // fleet, owner
      const [gone] = await recorder.series({
        from: new Date('2026-11-19T00:00:00Z'),
        to: new Date('2026-11-21T00:00:00Z'),
        scopes: ['cluster:mc/default/b'],
      });
      expect(gone.points.map(p => p.total)).toEqual([1, 1, 0, 0]);

      // Rows older than the retention (default 90 days) are deleted.
      now += 91 * 24 * HOUR;
      expect(await recorder.snapshot()).toBe(3); // daily keyframe: fleet, owner, cluster a
      const [all] = await recorder.series({
        from: new Date(0),
        to: new Date(now),
        scopes: ['fleet'],
      });
      expect(all.points.map(p => p.at)).toEqual([new Date(now).toISOString()]);

      // Migrations are idempotent: a second start on the same database works.
      await ComplianceRecorder.create({
        database: { getClient: async () => knex },
        reader,
        logger: mockServices.logger.mock(),
      });
    },
  );

  const wholeRange = {
    from: new Date('2026-11-19T00:00:00Z'),
    to: new Date('2026-11-21T00:00:00Z'),
  };

  it.each(databases.eachSupportedId())(
    'writes zero rows for a cluster and owner gone while the recorder restarted, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = Date.parse('2026-11-20T00:00:00Z');
      const create = (reader: FleetReader) =>
        ComplianceRecorder.create({
          database: { getClient: async () => knex },
          reader,
          logger: mockServices.logger.mock(),
          now: () => now,
        });
      const before = await create(fleet(() => now).reader);
      expect(await before.snapshot()).toBe(4); // fleet, owner, a, b

      // Restart (a new instance, nothing in memory); cluster a is gone.
      now += 3_600_000;
      const after = await create(fleet(() => now, { clusters: ['b'] }).reader);
      expect(await after.snapshot()).toBe(3); // fleet, zero rows of a and its owner
      now += 3_600_000;
      expect(await after.snapshot()).toBe(1); // fleet only: b unchanged

      const series = await after.series({
        ...wholeRange,
        scopes: ['cluster:mc/default/a', 'owner:group:default/team-a'],
      });
      expect(series.map(s => s.points.map(p => p.total))).toEqual([
        [2, 0, 0],
        [2, 0, 0],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes a changed cluster row although this replica wrote the same counts before the other one wrote different ones, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = Date.parse('2026-11-20T00:00:00Z');
      const one = fleet(() => now);
      const other = fleet(() => now);
      const create = (reader: FleetReader) =>
        ComplianceRecorder.create({
          database: { getClient: async () => knex },
          reader,
          logger: mockServices.logger.mock(),
          now: () => now,
        });
      const replicaOne = await create(one.reader);
      const replicaTwo = await create(other.reader);
      await replicaOne.snapshot(); // a: 2 machines
      now += 3_600_000;
      other.index.remove('mc', 'Machine', 'default', 'a-1');
      await replicaTwo.snapshot(); // a: 1 machine
      now += 3_600_000;
      await replicaOne.snapshot(); // a: 2 machines again, as replica one last wrote
      const [a] = await replicaOne.series({
        ...wholeRange,
        scopes: ['cluster:mc/default/a'],
      });
      expect(a.points.map(p => p.total)).toEqual([2, 1, 2]);
    },
  );

  it.each(databases.eachSupportedId())(
    'carries the last counts of a management cluster this instance has not synced yet, instead of zeroing it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = Date.parse('2026-11-20T00:00:00Z');
      const create = (reader: FleetReader) =>
        ComplianceRecorder.create({
          database: { getClient: async () => knex },
          reader,
          logger: mockServices.logger.mock(),
          now: () => now,
        });
      await (await create(fleet(() => now).reader)).snapshot();

      // A new instance whose connection to mc is still being set up: its
      // cache holds only part of mc (cluster b, no machines of a).
      now += 3_600_000;
      const starting = await create(
        fleet(() => now, { clusters: ['b'], connecting: true }).reader,
      );
      expect(await starting.snapshot()).toBe(2); // fleet and owner, as before
      const series = await starting.series({
        ...wholeRange,
        scopes: [
          'fleet',
          'owner:group:default/team-a',
          'cluster:mc/default/a',
          'cluster:mc/default/b',
        ],
      });
      expect(series.map(s => s.points.map(p => p.total))).toEqual([
        [3, 3],
        [2, 2],
        [2, 2],
        [1, 1],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'after the upgrade to the latest-scopes table, still zeroes a cluster that the old version wrote, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // The first migration only, as the previous version left the database.
      await knex.migrate.up({
        directory: resolvePackagePath(
          '@capstan/plugin-capi-backend',
          'migrations',
        ),
        tableName: 'capi_knex_migrations',
      });
      const row = (scope: string, takenAt: number, total: number) => ({
        taken_at: takenAt,
        scope,
        up_to_date: total,
        pending: 0,
        overdue: 0,
        unknown: 0,
        reboot_required: 0,
        total,
      });
      const t0 = Date.parse('2026-11-20T00:00:00Z');
      await knex('capi_compliance_snapshots').insert([
        row('fleet', t0 - 7_200_000, 5),
        row('cluster:mc/default/old', t0 - 7_200_000, 4),
        row('fleet', t0 - 3_600_000, 5),
        row('cluster:mc/default/old', t0 - 3_600_000, 5),
        row('owner:group:default/old-team', t0 - 3_600_000, 5),
      ]);
      let now = t0;
      const recorder = await ComplianceRecorder.create({
        database: { getClient: async () => knex },
        reader: fleet(() => now, { clusters: [] }).reader,
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      expect(await recorder.snapshot()).toBe(3); // fleet and the two zero rows
      now += 3_600_000;
      expect(await recorder.snapshot()).toBe(1);
      const series = await recorder.series({
        ...wholeRange,
        scopes: ['cluster:mc/default/old', 'owner:group:default/old-team'],
      });
      expect(series.map(s => s.points.map(p => p.total))).toEqual([
        [4, 5, 0, 0],
        [5, 0, 0],
      ]);
    },
  );
});
