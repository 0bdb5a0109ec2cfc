import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { PatchCampaignStore } from './PatchCampaignStore';
import { createPatchCampaignRouter } from './patchCampaignRouter';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const PLATFORM = 'user:default/pat';
const DEVELOPER = 'user:default/mia';

describe('patch campaign routes', () => {
  let app: express.Express;
  let changes = 0;
  const progressAsked: Array<{ id: string; filters: unknown }> = [];

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await PatchCampaignStore.create({
      database: { getClient: async () => knex },
    });
    // Pat is on the platform team (capi.fleet.read); Mia is not.
    const access = {
      requireFleet: async (c: BackstageCredentials) => {
        const principal = c.principal as { userEntityRef?: string };
        if (principal.userEntityRef === DEVELOPER) {
          throw new NotAllowedError('requires capi.fleet.read');
        }
      },
    };
    app = express()
      .use(
        createPatchCampaignRouter({
          httpAuth: mockServices.httpAuth(),
          access,
          store,
          progress: {
            progress: (campaign, filters) => {
              progressAsked.push({ id: campaign.id, filters });
              return {
                campaignId: campaign.id,
                clusters: 60,
                machines: 120,
                patched: 60,
                unpatchedByState: {
                  'up-to-date': 50,
                  pending: 10,
                  overdue: 0,
                  unknown: 0,
                },
                share: 0.5,
                deadline: '2026-12-01T08:00:00.000Z',
                remainingByCluster: [],
                clustersRemaining: 30,
              };
            },
          },
          onChange: () => {
            changes += 1;
          },
        }),
      )
      .use(mockErrorHandler());
  });

  const as = (user: string) => mockCredentials.user.header(user);
  const valid = {
    name: 'OpenSSL 3.0.16 security release',
    startedAt: '2026-11-29T08:00:00Z',
    slaHours: 48,
  };

  it('stores a campaign the platform team starts, shows it to every reader until closed', async () => {
    const started = await request(app)
      .post('/campaigns')
      .set('Authorization', as(PLATFORM))
      .send(valid);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      name: valid.name,
      startedAt: '2026-11-29T08:00:00.000Z',
      slaHours: 48,
      createdBy: PLATFORM,
    });
    expect(started.body.closedAt).toBeUndefined();

    // Stored: a later read (another visit) sees the same start, not "now".
    const listed = await request(app)
      .get('/campaigns')
      .set('Authorization', as(PLATFORM));
    expect(listed.body.items).toEqual([started.body]);

    const closed = await request(app)
      .post(`/campaigns/${started.body.id}/close`)
      .set('Authorization', as(PLATFORM));
    expect(closed.status).toBe(200);
    expect(closed.body.closedBy).toBe(PLATFORM);

    const open = await request(app)
      .get('/campaigns')
      .set('Authorization', as(PLATFORM));
    expect(open.body.items).toEqual([]);
    const withClosed = await request(app)
      .get('/campaigns?include=closed')
      .set('Authorization', as(PLATFORM));
    expect(withClosed.body.items.map((c: { id: string }) => c.id)).toEqual([
      started.body.id,
    ]);
    expect(changes).toBe(2);
  });

  it('refuses callers without the fleet permission', async () => {
    const post = await request(app)
      .post('/campaigns')
      .set('Authorization', as(DEVELOPER))
      .send(valid);
    expect(post.status).toBe(403);
    const get = await request(app)
      .get('/campaigns')
      .set('Authorization', as(DEVELOPER));
    expect(get.status).toBe(403);
  });

  it.each([
    ['an empty name', { name: '   ' }],
    ['a name with control characters', { name: 'fix\u0000\u001b[31m' }],
    ['a name too long', { name: 'x'.repeat(121) }],
    ['a start that is no date', { startedAt: 'yesterday' }],
    ['a start far in the future', { startedAt: '2999-01-01T00:00:00Z' }],
    ['an SLA of zero hours', { slaHours: 0 }],
    ['an SLA that is not a number', { slaHours: '48' }],
    ['an SLA of fractional hours', { slaHours: 1.5 }],
    ['an extra field', { createdBy: 'user:default/someone-else' }],
  ])('answers 400 for %s, storing nothing', async (_what, change) => {
    const before = await request(app)
      .get('/campaigns')
      .set('Authorization', as(PLATFORM));
    const response = await request(app)
      .post('/campaigns')
      .set('Authorization', as(PLATFORM))
      .send({ ...valid, ...change });
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    const after = await request(app)
      .get('/campaigns')
      .set('Authorization', as(PLATFORM));
    expect(after.body.items).toEqual(before.body.items);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const bad = await request(app)
      .post('/campaigns/..%2F..%2Fetc/close')
      .set('Authorization', as(PLATFORM));
    expect(bad.status).toBe(400);
    const unknown = await request(app)
      .post('/campaigns/6f1c2d1e-8a1b-4c55-9d2e-0123456789ab/close')
      .set('Authorization', as(PLATFORM));
    expect(unknown.status).toBe(404);
  });

  describe('closing keeps a record', () => {
    const start = async () =>
      (
        await request(app)
          .post('/campaigns')
          .set('Authorization', as(PLATFORM))
          .send({ ...valid, name: 'Kernel CVE-2026-1234' })
      ).body as { id: string };
    const everything = async () =>
      (
        await request(app)
          .get('/campaigns?include=closed')
          .set('Authorization', as(PLATFORM))
      ).body.items;

    it('stores who closed it, when, and its final numbers over the whole fleet, and lists it under past campaigns', async () => {
      const { id } = await start();
      const asked = progressAsked.length;
      const closed = await request(app)
        .post(`/campaigns/${id}/close`)
        .set('Authorization', as(PLATFORM))
        .send({});
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        id,
        closedBy: PLATFORM,
        final: { clusters: 60, machines: 120, patched: 60 },
      });
      expect(Date.now() - Date.parse(closed.body.closedAt)).toBeLessThan(
        60_000,
      );
      // Counted over the whole fleet, whatever the page's filters were.
      expect(progressAsked.slice(asked)).toEqual([{ id, filters: {} }]);

      const past = await request(app)
        .get('/campaigns/past?limit=1')
        .set('Authorization', as(PLATFORM));
      expect(past.status).toBe(200);
      expect(past.body.items).toEqual([closed.body]);

      // Closing again changes nothing: the first close stays on record.
      const again = await request(app)
        .post(`/campaigns/${id}/close`)
        .set('Authorization', as(PLATFORM));
      expect(again.body).toEqual(closed.body);
    });

    it('refuses users outside the platform team, closing nothing', async () => {
      const { id } = await start();
      const before = await everything();
      const close = await request(app)
        .post(`/campaigns/${id}/close`)
        .set('Authorization', as(DEVELOPER))
        .send({});
      expect(close.status).toBe(403);
      const past = await request(app)
        .get('/campaigns/past')
        .set('Authorization', as(DEVELOPER));
      expect(past.status).toBe(403);
      expect(await everything()).toEqual(before);
      expect(
        (await everything()).find((c: { id: string }) => c.id === id).closedAt,
      ).toBeUndefined();
    });

    it('answers 400 for bad input, closing nothing', async () => {
      const { id } = await start();
      const before = await everything();
      for (const [what, send] of [
        [
          'a body with fields',
          () =>
            request(app)
              .post(`/campaigns/${id}/close`)
              .send({ closedBy: 'user:default/someone-else' }),
        ],
        [
          'a malformed id',
          () => request(app).post('/campaigns/not-a-uuid/close').send({}),
        ],
        ['a limit of 0', () => request(app).get('/campaigns/past?limit=0')],
        ['a limit of 51', () => request(app).get('/campaigns/past?limit=51')],
        [
          'a limit that is no number',
          () => request(app).get('/campaigns/past?limit=all'),
        ],
        [
          'an unknown parameter',
          () => request(app).get('/campaigns/past?owner=x'),
        ],
      ] as const) {
        const response = await send().set('Authorization', as(PLATFORM));
        expect([what, response.status]).toEqual([what, 400]);
        expect(response.body.error.name).toBe('InputError');
      }
      expect(await everything()).toEqual(before);
    });
  });

  it("answers a campaign's progress over the clusters the fleet filters match, checking the filters and the id", async () => {
    const started = await request(app)
      .post('/campaigns')
      .set('Authorization', as(PLATFORM))
      .send(valid);
    const id = started.body.id;
    const progress = await request(app)
      .get(`/campaigns/${id}/progress?owner=team-payments&status=Degraded`)
      .set('Authorization', as(PLATFORM));
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ campaignId: id, machines: 120 });
    expect(progressAsked.at(-1)).toEqual({
      id,
      filters: { owner: ['team-payments'], status: ['Degraded'] },
    });
    const asked = progressAsked.length;
    for (const [path, status] of [
      [`/campaigns/${id}/progress?status=Sleeping`, 400],
      [`/campaigns/${id}/progress?limit=50`, 400],
      ['/campaigns/..%2Fetc/progress', 400],
      ['/campaigns/6f1c2d1e-8a1b-4c55-9d2e-0123456789ab/progress', 404],
    ] as const) {
      const response = await request(app)
        .get(path)
        .set('Authorization', as(PLATFORM));
      expect(response.status).toBe(status);
    }
    const developer = await request(app)
      .get(`/campaigns/${id}/progress`)
      .set('Authorization', as(DEVELOPER));
    expect(developer.status).toBe(403);
    expect(progressAsked).toHaveLength(asked);
  });
});
