import express from 'express';
import request from 'supertest';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { LiveClusterLookup } from '../live/LiveClusterLookup';
import { testProfiles } from '../__testUtils__/profiles';
import {
  MAX_FORM_BYTES,
  createFormValidationRouter,
} from './formValidationRouter';

function liveWith(
  names: Array<{ mc: string; ns: string; name: string }>,
): LiveClusterLookup {
  return {
    exists: async ref =>
      names.some(
        n =>
          n.mc === ref.managementCluster &&
          n.ns === ref.namespace &&
          n.name === ref.name,
      ),
    namespacesWithName: async (mc, name) =>
      names.filter(n => n.mc === mc && n.name === name).map(n => n.ns),
    summary: async () => undefined,
  };
}

function app(live: LiveClusterLookup = liveWith([])) {
  const server = express();
  server.use(
    createFormValidationRouter(
      { profiles: testProfiles, liveClusters: live },
      {
        httpAuth: mockServices.httpAuth({
          defaultCredentials: mockCredentials.none(),
        }),
      },
    ),
  );
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return server;
}

const ROUTE = '/capi/validate/new-cluster';
const goodForm = {
  name: 'payments-perf',
  profile: 'onprem-fra',
  owner: 'group:default/team-payments',
  nodePools: [{ name: 'general', size: 'small', replicas: 3 }],
};

function post(body: unknown, server = app()) {
  return request(server)
    .post(ROUTE)
    .set('authorization', mockCredentials.user.header('user:default/ada'))
    .send(body as object);
}

describe('POST /capi/validate/new-cluster', () => {
  it('answers no problems for a good form', async () => {
    const response = await post(goodForm);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ problems: [] });
  });

  it('marks a bad CIDR on the pod networks and an overlap on the service networks', async () => {
    const response = await post({
      ...goodForm,
      podCidrs: ['abc'],
      serviceCidrs: ['10.96.0.0/12', '10.96.0.0/16'],
    });
    const fields = response.body.problems.map(
      (p: { field: string }) => p.field,
    );
    expect(response.body.problems).toEqual(
      expect.arrayContaining([
        {
          field: 'podCidrs',
          message: expect.stringContaining('"abc" is not a valid CIDR block'),
        },
      ]),
    );
    expect(fields).not.toContain('name');

    const overlap = await post({
      ...goodForm,
      podCidrs: ['10.0.0.0/8'],
      serviceCidrs: ['10.96.0.0/12'],
    });
    expect(overlap.body.problems).toEqual([
      {
        field: 'serviceCidrs',
        message: expect.stringMatching(
          /10\.0\.0\.0\/8 overlaps .*10\.96\.0\.0\/12/,
        ),
      },
    ]);
  });

  it('marks pool problems (min > max, too many machines, unknown size, a duplicate name) on the node pools', async () => {
    const response = await post({
      ...goodForm,
      nodePools: [
        { name: 'general', size: 'small', autoscaling: { min: 5, max: 2 } },
        { name: 'general', size: 'huge', replicas: 500 },
      ],
    });
    const problems = response.body.problems as Array<{
      field: string;
      message: string;
    }>;
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems.every(p => p.field === 'nodePools')).toBe(true);
    const text = problems.map(p => p.message).join('\n');
    expect(text).toMatch(/huge/);
    expect(text).toMatch(/500/);
    expect(text).toMatch(/general/);
  });

  it('says in words, not as a regular expression, what a cluster name may hold', async () => {
    const response = await post({ ...goodForm, name: 'Payments_Perf' });
    expect(response.body.problems).toEqual([
      {
        field: 'name',
        message:
          'cluster name "Payments_Perf" must consist of lower case letters, digits and \'-\', and start and end with a letter or digit',
      },
    ]);
    expect(JSON.stringify(response.body)).not.toContain('^[a-z0-9]');
  });

  it('marks a name taken in the same management cluster, in another namespace', async () => {
    const response = await post(
      goodForm,
      app(
        liveWith([
          { mc: 'onprem-fra', ns: 'team-payments', name: 'payments-perf' },
        ]),
      ),
    );
    expect(response.body.problems).toEqual([
      {
        field: 'name',
        message: expect.stringContaining(
          'a cluster named "payments-perf" already exists in namespace team-payments of management cluster onprem-fra',
        ),
      },
    ]);
  });

  it('marks an unknown profile on the profile field', async () => {
    const response = await post({ ...goodForm, profile: 'mars' });
    expect(response.body.problems).toEqual([
      {
        field: 'profile',
        message: expect.stringContaining('unknown cluster profile "mars"'),
      },
    ]);
  });

  it('refuses callers who are not signed-in users', async () => {
    const anonymous = await request(app()).post(ROUTE).send(goodForm);
    expect(anonymous.status).toBe(401);
    const service = await request(app())
      .post(ROUTE)
      .set('authorization', mockCredentials.service.header())
      .send(goodForm);
    expect(service.status).toBe(403);
  });

  it('refuses a form larger than the limit and fields of the wrong shape', async () => {
    const huge = await post({
      ...goodForm,
      description: 'x'.repeat(MAX_FORM_BYTES + 1),
    });
    expect(huge.status).toBe(413);
    const wrong = await post({ ...goodForm, podCidrs: 'abc' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/podCidrs/);
    const tooMany = await post({
      ...goodForm,
      nodePools: Array.from({ length: 101 }, (_, i) => ({ name: `p${i}` })),
    });
    expect(tooMany.status).toBe(400);
  });
});
