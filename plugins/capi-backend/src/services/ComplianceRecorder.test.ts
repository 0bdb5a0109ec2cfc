import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { cluster, machine } from '../__testUtils__/fixtures';
import { normaliseCluster, normaliseMachine } from '../normalise';
import type { TrimmedObject } from '../normalise/types';
import { AnnotationPatchStateProvider } from './AnnotationPatchStateProvider';
import { ComplianceRecorder } from './ComplianceRecorder';
import { FleetIndex } from './FleetIndex';
import { FleetReader } from './FleetReader';
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

function fleet(now: () => number) {
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
  const reader = new FleetReader({ index, watchers: [], policy });
  const put = (o: unknown, trim: (o: unknown, v: string) => unknown) =>
    index.upsert('mc', trim(o, 'v1beta2') as TrimmedObject);
  put(
    cluster('a', {
      annotations: { 'capstan.dev/owner-ref': 'group:default/Team-A' },
    }),
    normaliseCluster,
  );
  put(cluster('b'), normaliseCluster);
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
  put(machine('a', 'a-1', { annotations: overdue }), normaliseMachine);
  put(machine('a', 'a-2', { annotations: fine }), normaliseMachine);
  put(machine('b', 'b-1'), normaliseMachine);
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
});
