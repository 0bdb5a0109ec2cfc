import { TestDatabases } from '@backstage/backend-test-utils';
import type { ChangeRequestSubmission } from '@capstan/plugin-capi-common';
import { ChangeRequestStore } from './ChangeRequestStore';

jest.setTimeout(60_000);

// PostgreSQL runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
// points at a server; SQLite always.
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

function submission(
  overrides: Partial<ChangeRequestSubmission> = {},
): ChangeRequestSubmission {
  return {
    id: 'a'.repeat(32),
    managementCluster: 'mc',
    namespace: 'team-a',
    name: 'shop',
    kind: 'update-pool',
    requestedBy: 'user:default/mia',
    taskId: 'task-1',
    taskUrl: 'https://backstage.example.com/create/tasks/task-1',
    mode: 'commit',
    commitSha: 'c'.repeat(40),
    desired: {
      present: true,
      version: 'v1.33.4',
      pools: [{ name: 'md-0', replicas: 3 }],
    },
    ...overrides,
  };
}

describe('ChangeRequestStore', () => {
  it.each(databases.eachSupportedId())(
    'records a request once per id, pages history newest first, and moves a stage only from the stage read (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = Date.parse('2026-11-30T12:00:00Z');
      const store = await ChangeRequestStore.create({
        database: { getClient: async () => knex },
        now: () => now,
      });
      expect(await store.add(submission())).toBe(true);
      // A re-run of the step hands over the same id: nothing new.
      expect(await store.add(submission({ taskId: 'other' }))).toBe(false);
      const [open] = await store.openOf(['mc/team-a/shop']);
      expect(open).toMatchObject({
        clusterId: 'mc/team-a/shop',
        taskId: 'task-1',
        stage: 'requested',
        stageSince: '2026-11-30T12:00:00.000Z',
        stages: { requested: '2026-11-30T12:00:00.000Z' },
        desired: { pools: [{ name: 'md-0', replicas: 3 }] },
      });

      for (let i = 0; i < 60; i++) {
        now += 1000;
        await store.add(submission({ id: i.toString(16).padStart(32, '0') }));
      }
      const page = await store.history('mc/team-a/shop', {
        offset: 0,
        limit: 50,
      });
      expect(page.total).toBe(61);
      expect(page.items).toHaveLength(50);
      expect(page.items[0].id).toBe((59).toString(16).padStart(32, '0'));
      const rest = await store.history('mc/team-a/shop', {
        offset: 50,
        limit: 50,
      });
      expect(rest.items).toHaveLength(11);
      expect(rest.items[10].id).toBe('a'.repeat(32));

      const at = now + 5000;
      expect(
        await store.advance(open, { stages: [{ stage: 'in-git', at }] }),
      ).toBe(true);
      // Another instance read the same request before: its move is refused.
      expect(
        await store.advance(open, { stages: [{ stage: 'in-git', at }] }),
      ).toBe(false);
      const moved = (await store.get(open.id))!;
      expect(moved.stage).toBe('in-git');
      expect(Object.keys(moved.stages)).toEqual(['requested', 'in-git']);
      await store.advance(moved, {
        stages: [{ stage: 'failed', at: at + 1 }],
        reason: 'Stuck in in-git',
      });
      expect(
        (await store.openOf(['mc/team-a/shop'])).map(r => r.id),
      ).not.toContain(open.id);
      // A card still shows how it ended for a while.
      expect(
        (await store.openOf(['mc/team-a/shop'], at)).map(r => r.id),
      ).toContain(open.id);
      expect(await store.get(open.id)).toMatchObject({
        stage: 'failed',
        reason: 'Stuck in in-git',
      });
      await knex.destroy();
    },
  );
});
