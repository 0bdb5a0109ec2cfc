import express from 'express';
import request from 'supertest';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { commitSubjects, listFiles } from '../__testUtils__/gitFixtures';
import { identities } from '../__testUtils__/policyDouble';
import { cluster } from '../__testUtils__/assistantSetup';
import { createDay2ValidationRouter } from './day2ValidationRouter';

const ROUTE = '/capi/validate/day2';

describe('POST /capi/validate/day2', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  let server: express.Express;
  beforeEach(async () => {
    h = await createActionHarness();
    await h.seedCluster(payments);
    server = express();
    server.use(
      createDay2ValidationRouter(h.options, {
        httpAuth: mockServices.httpAuth({
          defaultCredentials: mockCredentials.none(),
        }),
        logger: mockServices.logger.mock(),
      }),
    );
    server.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
  });
  afterEach(() => h.close());

  const post = (body: unknown, user: string = identities.owner.user) =>
    request(server)
      .post(ROUTE)
      .set('authorization', mockCredentials.user.header(user))
      .send(body as object);
  const scale = { change: 'capi-scale-node-pool', cluster, pool: 'general' };

  it('answers the impact of a good change and writes nothing', async () => {
    const before = await commitSubjects(h.bare);
    const response = await post({ ...scale, replicas: 5 });
    expect(response.status).toBe(200);
    expect(response.body.problems).toEqual([]);
    expect(response.body.summary).toMatch(/No machine is replaced/);
    expect(await commitSubjects(h.bare)).toEqual(before);
  });

  it('marks 500 machines on the replicas', async () => {
    const response = await post({ ...scale, replicas: 500 });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      problems: [
        {
          field: 'replicas',
          message: expect.stringMatching(/replicas 500 exceeds/),
        },
      ],
    });
  });

  it('marks autoscaling bounds on the bound they are about', async () => {
    const inverted = await post({ ...scale, autoscaling: { min: 5, max: 2 } });
    expect(inverted.body.problems).toEqual([
      {
        field: 'autoscaling.min',
        message: expect.stringMatching(/min 5 is greater than max 2/),
      },
    ]);
    const tooMany = await post({ ...scale, autoscaling: { min: 1, max: 500 } });
    expect(tooMany.body.problems).toEqual([
      {
        field: 'autoscaling.max',
        message: expect.stringMatching(/autoscaling max 500 exceeds/),
      },
    ]);
    const good = await post({ ...scale, autoscaling: { min: 1, max: 4 } });
    expect(good.body).toEqual({
      problems: [],
      summary: expect.stringMatching(/autoscaled 1–4/),
    });
  });

  it('a fixed count on an autoscaled pool turns the autoscaler off, as the template run does', async () => {
    // payments' pool "batch" is autoscaled 1–6; the form's "Fixed number of
    // machines" sends only replicas. Before, the check kept the autoscaler
    // and answered "already looks like this; nothing changes".
    const response = await post({ ...scale, pool: 'batch', replicas: 3 });
    expect(response.body).toEqual({
      problems: [],
      summary: expect.stringContaining(
        'node pool batch: autoscaled 1–6 → 3 replicas',
      ),
    });
  });

  describe('add-node-pool', () => {
    const add = (pool: object) =>
      post({ change: 'capi-add-node-pool', cluster, pool });

    it('answers the impact of a good pool and writes nothing', async () => {
      const before = await commitSubjects(h.bare);
      const response = await add({ name: 'gpu', size: 'medium', replicas: 2 });
      expect(response.body).toEqual({
        problems: [],
        summary: expect.stringMatching(/^Creates 2 machines: node pool gpu/),
      });
      expect(await commitSubjects(h.bare)).toEqual(before);
    });

    it('marks each problem on its input: a taken name, the size, min > max, too many machines', async () => {
      const taken = await add({
        name: 'general',
        size: 'huge',
        autoscaling: { min: 5, max: 2 },
      });
      expect(taken.body.problems).toEqual([
        {
          field: 'size',
          message: expect.stringMatching(/unknown size "huge"/),
        },
        {
          field: 'autoscaling.min',
          // Without 'node pool "general": ', which the form shows above.
          message: 'autoscaling min 5 is greater than max 2',
        },
        {
          field: 'pool',
          message: expect.stringMatching(/already has a node pool "general"/),
        },
      ]);
      // Neither machines nor bounds yet: the impact box asks, in the form's words.
      const unset = await add({ name: 'gpu', size: 'medium' });
      expect(unset.body.problems).toEqual([
        {
          field: 'change',
          message: 'enter the number of machines, or autoscaling bounds',
        },
      ]);
      const many = await add({ name: 'gpu', size: 'medium', replicas: 500 });
      expect(many.body.problems).toEqual([
        {
          field: 'replicas',
          message: expect.stringMatching(/replicas 500 exceeds/),
        },
      ]);
    });
  });

  it('previews a decommission for Review: every machine that goes, and writes nothing', async () => {
    const before = await commitSubjects(h.bare);
    const response = await post({
      change: 'capi-decommission-cluster',
      cluster,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      problems: [],
      summary: expect.stringMatching(
        /^Deletes up to 12 machines: control plane \(cluster deleted\); node pool general/,
      ),
    });
    expect(await commitSubjects(h.bare)).toEqual(before);
    expect(await listFiles(h.bare)).toEqual(
      expect.arrayContaining([expect.stringContaining('/payments-prod/')]),
    );
    // Another team sees no impact of a cluster it may not delete.
    const other = await post(
      { change: 'capi-decommission-cluster', cluster },
      identities.other.user,
    );
    expect(other.body).toEqual({
      problems: [{ field: 'cluster', message: expect.any(String) }],
    });
  });

  it('marks an unknown pool on the pool and a bad version on the version', async () => {
    const pool = await post({ ...scale, pool: 'nope', replicas: 2 });
    expect(pool.body.problems).toEqual([
      { field: 'pool', message: expect.stringMatching(/no node pool "nope"/) },
    ]);
    const version = await post({
      change: 'capi-upgrade-kubernetes',
      cluster,
      kubernetesVersion: 'v1.10.0',
    });
    expect(version.status).toBe(200);
    expect(version.body.problems).toEqual([
      { field: 'kubernetesVersion', message: expect.any(String) },
    ]);
  });

  it('marks a cluster that is not the caller’s or not a cluster ref on the cluster', async () => {
    const other = await post({ ...scale, replicas: 2 }, identities.other.user);
    expect(other.body.problems).toEqual([
      { field: 'cluster', message: expect.any(String) },
    ]);
    const hostile = await post({
      ...scale,
      cluster: '../../etc/passwd',
      replicas: 2,
    });
    expect(hostile.body.problems).toEqual([
      { field: 'cluster', message: expect.any(String) },
    ]);
  });

  it('refuses the unauthenticated and an unreadable form', async () => {
    const anonymous = await request(server)
      .post(ROUTE)
      .send({ ...scale, replicas: 2 });
    expect(anonymous.status).toBe(401);
    const unknown = await post({ change: 'capi-decommission', cluster });
    expect(unknown.status).toBe(400);
    const huge = await post({ ...scale, replicas: 2, pool: 'x'.repeat(5000) });
    expect(huge.status).toBe(400);
  });
});
