import { TestDatabases } from '@backstage/backend-test-utils';
import { PatchCampaignStore } from './PatchCampaignStore';

jest.setTimeout(60_000);

// PostgreSQL runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
// points at a server (scripts/postgres.sh in CI); SQLite always.
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const PAT = 'user:default/pat';

describe('PatchCampaignStore', () => {
  it.each(databases.eachSupportedId())(
    'keeps open campaigns, closes each once with its final numbers, and lists past ones last closed first (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = Date.parse('2026-11-20T08:00:00Z');
      const store = await PatchCampaignStore.create({
        database: { getClient: async () => knex },
        now: () => now,
      });

      const october = await store.start(
        {
          name: 'October security release',
          startedAt: '2026-10-14T06:00:00.000Z',
          slaHours: 168,
        },
        PAT,
      );
      const november = await store.start(
        {
          name: 'November security release',
          startedAt: '2026-11-11T06:00:00.000Z',
          slaHours: 72,
        },
        PAT,
      );
      expect(november).toEqual({
        id: expect.any(String),
        name: 'November security release',
        startedAt: '2026-11-11T06:00:00.000Z',
        slaHours: 72,
        createdBy: PAT,
      });
      expect((await store.list()).map(c => c.name)).toEqual([
        'November security release',
        'October security release',
      ]);

      now = Date.parse('2026-11-21T09:30:00Z');
      const closed = await store.close(october.id, PAT, {
        clusters: 42,
        machines: 310,
        patched: 305,
      });
      expect(closed).toEqual({
        ...october,
        closedAt: '2026-11-21T09:30:00.000Z',
        closedBy: PAT,
        final: { clusters: 42, machines: 310, patched: 305 },
      });

      // A second close (another replica, a double click) keeps the first.
      now = Date.parse('2026-11-22T10:00:00Z');
      expect(
        await store.close(october.id, 'user:default/other', {
          clusters: 1,
          machines: 1,
          patched: 0,
        }),
      ).toEqual(closed);

      // Closed without numbers (the fleet could not be counted): no `final`.
      now = Date.parse('2026-11-23T10:00:00Z');
      const closedBare = await store.close(november.id, PAT);
      expect(closedBare?.final).toBeUndefined();
      expect(closedBare?.closedAt).toBe('2026-11-23T10:00:00.000Z');

      expect(await store.list()).toEqual([]);
      expect((await store.past(10)).map(c => c.name)).toEqual([
        'November security release',
        'October security release',
      ]);
      expect(await store.past(1)).toEqual([closedBare]);
      expect(
        (await store.list({ includeClosed: true })).map(c => c.id),
      ).toEqual([november.id, october.id]);
      expect(await store.get(october.id)).toEqual(closed);
      expect(await store.get('no-such-campaign')).toBeUndefined();
      expect(await store.close('no-such-campaign', PAT)).toBeUndefined();
    },
  );
});
