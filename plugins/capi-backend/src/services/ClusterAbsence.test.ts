import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { NotFoundError } from '@backstage/errors';
import type { ManagementClusterHealth } from '@capstan/plugin-capi-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { absentClusterError } from './ClusterAbsence';

const health = (
  name: string,
  overrides: Partial<ManagementClusterHealth> = {},
): ManagementClusterHealth => ({
  name,
  title: name,
  state: 'synced',
  lastSyncAt: '2026-11-20T00:00:00.000Z',
  stale: false,
  clusterCount: 0,
  machineCount: 0,
  ...overrides,
});

describe('absentClusterError', () => {
  // The detail route's answer for a cluster missing from the cache, through
  // Backstage's error middleware as the plugin's router uses it.
  function app(fleetHealth: ManagementClusterHealth[]) {
    const router = Router();
    router.get('/clusters/:mc/:ns/:name', async req => {
      const id = `${req.params.mc}/${req.params.ns}/${req.params.name}`;
      throw absentClusterError(
        fleetHealth,
        req.params.mc,
        new NotFoundError(`Cluster ${id} not found`),
      );
    });
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    });
    return express().use(router).use(middleware.error());
  }

  const fleet = [
    health('mc-synced'),
    health('mc-starting', { state: 'connecting', lastSyncAt: undefined }),
    health('mc-was-synced', { state: 'down', stale: true }),
  ];

  it('answers 503 "not synced yet" for a management cluster this instance has not listed yet, naming no cluster', async () => {
    const res = await request(app(fleet)).get(
      '/clusters/mc-starting/team-b/secret-cluster',
    );
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        'Management cluster mc-starting is not synced by this instance yet',
      ),
    });
    expect(JSON.stringify(res.body.error.message)).not.toContain(
      'secret-cluster',
    );
  });

  it.each([
    ['synced', 'mc-synced'],
    [
      'synced once and down since (its cache is the last complete list)',
      'mc-was-synced',
    ],
    ['not configured', 'mc-unknown'],
  ])('answers 404 for a management cluster that is %s', async (_, mc) => {
    const res = await request(app(fleet)).get(`/clusters/${mc}/ns/gone`);
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });
});
