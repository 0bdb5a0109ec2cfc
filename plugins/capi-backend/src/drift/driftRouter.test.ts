import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import request from 'supertest';
import { createDriftRouter } from './driftRouter';

function app(mayReadFleet: boolean) {
  const fleet = jest.fn(() => ({
    counts: { 'in-sync': 2, pending: 0, drifted: 1, missing: 0, unmanaged: 0 },
    total: 1,
    offset: 0,
    limit: 50,
    items: [],
  }));
  const router = createDriftRouter({
    httpAuth: mockServices.httpAuth(),
    access: {
      requireFleet: async () => {
        if (!mayReadFleet)
          throw new NotAllowedError('requires capi.fleet.read');
      },
    },
    fleet,
    unavailableReason: () => undefined,
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  const server = express().use(router).use(middleware.error());
  return { server, fleet };
}

describe('GET /fleet/drift', () => {
  it('answers counts and the clusters in the asked-for states', async () => {
    const { server, fleet } = app(true);
    const res = await request(server)
      .get('/fleet/drift?state=drifted,missing&limit=10')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.counts.drifted).toBe(1);
    expect(fleet).toHaveBeenCalledWith({
      state: ['drifted', 'missing'],
      limit: 10,
    });
  });

  it('refuses unknown states and parameters with 400', async () => {
    const { server, fleet } = app(true);
    for (const query of ['state=broken', 'limit=0', 'owner=x']) {
      const res = await request(server)
        .get(`/fleet/drift?${query}`)
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(400);
    }
    expect(fleet).not.toHaveBeenCalled();
  });

  it('is for fleet readers only (403)', async () => {
    const { server, fleet } = app(false);
    const res = await request(server)
      .get('/fleet/drift')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(fleet).not.toHaveBeenCalled();
  });
});
