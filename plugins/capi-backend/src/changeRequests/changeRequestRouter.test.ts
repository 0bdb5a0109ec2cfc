import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ChangeRequestSubmission } from '@capstan/plugin-capi-common';
import express from 'express';
import request from 'supertest';
import type { ClusterAccess } from '../services/ClusterAccess';
import type { EntityClusterResolver } from '../services/EntityClusterResolver';
import { ChangeRequestStore } from './ChangeRequestStore';
import { createChangeRequestRouter } from './changeRequestRouter';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const SHOP = 'mc/team-a/shop';
const OTHER = 'mc/team-b/ledger';

const valid = {
  id: 'b'.repeat(32),
  managementCluster: 'mc',
  namespace: 'team-a',
  name: 'shop',
  kind: 'update-pool',
  requestedBy: 'user:default/mia',
  taskId: 'task-1',
  taskUrl: 'https://backstage.example.com/create/tasks/task-1',
  mode: 'pull-request',
  commitSha: 'a'.repeat(40),
  pullRequestUrl: 'https://github.com/acme/gitops/pull/3',
  desired: { present: true, pools: [{ name: 'md-0', replicas: 3 }] },
};

describe('change request routes', () => {
  let app: express.Express;
  const recorded: string[] = [];

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await ChangeRequestStore.create({
      database: { getClient: async () => knex },
    });
    // Mia reads team-a's clusters only; services read everything.
    const access = {
      readFilter: async (c: BackstageCredentials) =>
        (c.principal as { type: string }).type === 'service'
          ? () => true
          : (id: string) => id.startsWith('mc/team-a/'),
    } as unknown as ClusterAccess;
    const resolver = {
      getEntity: async () => ({ kind: 'Component', metadata: { name: 'x' } }),
      resolve: async () => [SHOP, OTHER],
    } as unknown as EntityClusterResolver;
    app = express()
      .use(
        createChangeRequestRouter({
          httpAuth: mockServices.httpAuth(),
          access,
          resolver,
          store,
          onRecorded: id => recorded.push(id),
        }),
      )
      .use(mockErrorHandler());
  });

  const post = (body: unknown, auth: 'service' | 'user' = 'service') =>
    request(app)
      .post('/change-requests')
      .set(
        'Authorization',
        auth === 'service'
          ? mockCredentials.service.header()
          : mockCredentials.user.header('user:default/mia'),
      )
      .send(body as object);

  it('records a request from a service once; users are refused', async () => {
    expect((await post(valid, 'user')).status).toBe(403);
    const created = await post(valid);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      clusterId: SHOP,
      stage: 'requested',
      pullRequestUrl: valid.pullRequestUrl,
    });
    expect(recorded).toEqual([SHOP]);
    const again = await post({ ...valid, taskId: 'task-2' });
    expect(again.status).toBe(200);
    expect(again.body.taskId).toBe('task-1');
    expect(recorded).toEqual([SHOP]);
  });

  it('accepts a submission with every field the scaffolder module may send', async () => {
    // Typed against the contract: a field added to ChangeRequestSubmission
    // must be filled here, and the route must accept it (a classic cluster's
    // pool versions were refused once, so no scale was ever recorded).
    type Full<T> = T extends object ? { [K in keyof T]-?: Full<T[K]> } : T;
    const full: Full<ChangeRequestSubmission> = {
      ...valid,
      id: 'd'.repeat(32),
      name: 'ledger-2',
      kind: 'upgrade',
      mode: 'commit',
      desired: {
        present: true,
        version: 'v1.34.1',
        controlPlaneReplicas: 3,
        pools: [
          {
            name: 'md-0',
            replicas: 3,
            autoscaling: { min: 1, max: 6 },
            version: 'v1.33.4',
          },
        ],
      },
    };
    const response = await post(full);
    expect(response.status).toBe(201);
    expect(response.body.desired).toEqual(full.desired);
  });

  it.each([
    [
      'a javascript: link',
      // eslint-disable-next-line no-script-url
      { pullRequestUrl: 'javascript:alert(1)' },
    ],
    ['a task link that is no URL', { taskUrl: '<img src=x>' }],
    ['an id that is not hex', { id: '../../etc/passwd-000000000000000' }],
    ['a cluster name that is no DNS label', { name: 'Shop_1' }],
    ['an unknown kind', { kind: 'delete-everything' }],
    ['an extra field', { owner: 'group:default/admins' }],
    [
      'a pool version that is no version',
      {
        desired: {
          present: true,
          pools: [{ name: 'md-0', replicas: 1, version: '$(reboot)' }],
        },
      },
    ],
    [
      'a pool size beyond reason',
      { desired: { present: true, pools: [{ name: 'md-0', replicas: 1e9 }] } },
    ],
  ])('refuses %s with 400, recording nothing', async (_, change) => {
    const response = await post({
      ...valid,
      id: 'c'.repeat(32),
      ...change,
    });
    expect(response.status).toBe(400);
    const history = await request(app)
      .get(`/change-requests/history?cluster=${SHOP}`)
      .set('Authorization', mockCredentials.service.header());
    expect(history.body.items.map((r: { id: string }) => r.id)).not.toContain(
      'c'.repeat(32),
    );
  });

  it('answers open requests and history exactly for clusters the caller may read', async () => {
    await post({
      ...valid,
      id: 'd'.repeat(32),
      namespace: 'team-b',
      name: 'ledger',
    });
    const mia = mockCredentials.user.header('user:default/mia');
    const open = await request(app)
      .get(`/change-requests?cluster=${SHOP}`)
      .set('Authorization', mia);
    expect(open.status).toBe(200);
    expect(
      open.body.items.map((r: { clusterId: string }) => r.clusterId),
    ).toEqual([SHOP]);
    const hidden = await request(app)
      .get(`/change-requests?cluster=${OTHER}`)
      .set('Authorization', mia);
    expect(hidden.status).toBe(404);
    expect(
      (
        await request(app)
          .get(`/change-requests/history?cluster=${OTHER}`)
          .set('Authorization', mia)
      ).status,
    ).toBe(404);
    const ofEntity = await request(app)
      .get('/change-requests?entityRef=component:default/x')
      .set('Authorization', mia);
    expect(
      ofEntity.body.items.map((r: { clusterId: string }) => r.clusterId),
    ).toEqual([SHOP]);
    const history = await request(app)
      .get(`/change-requests/history?cluster=${SHOP}&limit=1`)
      .set('Authorization', mia);
    expect(history.body).toMatchObject({ total: 1 });
    expect(history.body.items).toHaveLength(1);
    expect(
      (
        await request(app)
          .get(`/change-requests/history?cluster=${SHOP}&limit=51`)
          .set('Authorization', mia)
      ).status,
    ).toBe(400);
  });
});
