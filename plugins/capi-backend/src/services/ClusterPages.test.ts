import type { PermissionsService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CAPI_CLUSTER_RESOURCE_TYPE,
  type ClusterDetailResponse,
  type EntityClustersResponse,
} from '@capstan/plugin-capi-common';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import request from 'supertest';
import { normaliseCluster, normaliseMachine } from '../normalise';
import type { TrimmedObject } from '../normalise/types';
import { cluster, machine } from '../__testUtils__/fixtures';
import { createRouter } from '../router';
import { ClusterAccess } from './ClusterAccess';
import { firstInOrder } from './ClusterPages';
import type { EntityClusterResolver } from './EntityClusterResolver';
import { FleetIndex } from './FleetIndex';
import { FleetReader } from './FleetReader';
import { PatchPolicy } from './PatchPolicy';

jest.setTimeout(60_000);

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const MACHINES_PER_CLUSTER = 6;

/**
 * One management cluster with `count` clusters (every third owned by team
 * B, the rest by team A), each with a control plane machine and workers.
 */
function fleet(count: number) {
  const index = new FleetIndex({
    patchStateOf: () => ({
      state: { state: 'unknown', rebootRequired: false },
      validUntil: Infinity,
    }),
  });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `c-${String(i).padStart(4, '0')}`;
    const owner = i % 3 === 2 ? TEAM_B : TEAM_A;
    index.upsert(
      'mc',
      normaliseCluster(
        cluster(name, {
          annotations: { 'capstan.dev/owner-ref': owner },
          pools: [{ name: 'md-0', replicas: MACHINES_PER_CLUSTER - 1 }],
        }),
        'v1beta2',
      ) as TrimmedObject,
    );
    for (let m = 0; m < MACHINES_PER_CLUSTER; m++) {
      index.upsert(
        'mc',
        normaliseMachine(
          machine(name, `${name}-m${m}`, {
            controlPlane: m === 0,
            pool: m === 0 ? undefined : 'md-0',
          }),
          'v1beta2',
        ) as TrimmedObject,
      );
    }
    ids.push(`mc/default/${name}`);
  }
  return { index, ids };
}

/** Team A members get a conditional decision: clusters owned by team A. */
const ownerPermissions = {
  async authorizeConditional() {
    return [
      {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'capi',
        resourceType: CAPI_CLUSTER_RESOURCE_TYPE,
        conditions: {
          rule: 'IS_CLUSTER_OWNER',
          resourceType: CAPI_CLUSTER_RESOURCE_TYPE,
          params: { claims: [TEAM_A] },
        },
      },
    ];
  },
  async authorize() {
    return [{ result: AuthorizeResult.DENY }];
  },
} as unknown as PermissionsService;

async function app(count: number, permissions = ownerPermissions) {
  const { index, ids } = fleet(count);
  const reader = new FleetReader({
    index,
    watchers: [],
    policy: new PatchPolicy({
      securityOverdueAfterMs: 48 * 3600_000,
      providers: [],
    }),
  });
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default' },
  };
  // The entity is linked to every cluster; only permission narrows the list.
  const resolver = {
    getEntity: async () => entity,
    resolve: async () => ids,
  } as unknown as EntityClusterResolver;
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    access: ClusterAccess.create({ permissions, index }),
    logger: mockServices.logger.mock(),
    reader,
    resolver,
    profiles: [],
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  const server = express().use(router).use(middleware.error());
  return { server, ids };
}

const page = (
  server: express.Express,
  query: Record<string, string | number>,
) =>
  request(server)
    .get('/clusters')
    .query({ entityRef: TEAM_A, ...query });

describe('paged cluster reads', () => {
  it('answers the first page of a 2,000-cluster owner in under 200 KB, without machines', async () => {
    const { server } = await app(3000);
    const started = Date.now();
    const res = await page(server, {});
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    const body = res.body as EntityClustersResponse;
    // 2,000 of the 3,000 clusters are team A's; only they count.
    expect(body.total).toBe(2000);
    expect(body.items).toHaveLength(25);
    expect(body.limit).toBe(25);
    expect(body.items[0]).not.toHaveProperty('machines');
    expect(body.items[0].machineCount).toBe(MACHINES_PER_CLUSTER);
    expect(body.items[0].nodePools.map(p => p.name)).toEqual(['md-0']);
    expect(body.items[0].patch.total).toBe(MACHINES_PER_CLUSTER);
    const bytes = Buffer.byteLength(res.text);
    expect(bytes).toBeLessThan(200_000);
    // The largest page allowed stays small too.
    const largest = await page(server, { limit: 100 });
    expect(Buffer.byteLength(largest.text)).toBeLessThan(800_000);
    // eslint-disable-next-line no-console
    console.log(
      `first page: ${bytes} bytes in ${elapsed} ms; 100 clusters: ${Buffer.byteLength(
        largest.text,
      )} bytes`,
    );
  });

  it('covers every readable cluster exactly once across pages, in id order', async () => {
    const { server, ids } = await app(300);
    const seen: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const res = await page(server, { offset, limit: 100 });
      expect(res.status).toBe(200);
      const body = res.body as EntityClustersResponse;
      expect(body.total).toBe(200);
      seen.push(...body.items.map(c => c.id));
      if (body.items.length < 100) break;
    }
    const expected = ids.filter((_, i) => i % 3 !== 2);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(200);
    // Past the end: an empty page, still with the total.
    const past = await page(server, { offset: 500 });
    expect(past.body).toMatchObject({ total: 200, items: [] });
  });

  it('filters by permission before paging: another team never shows, not even in total', async () => {
    const denyAll = {
      ...ownerPermissions,
      authorizeConditional: async () => [{ result: AuthorizeResult.DENY }],
    } as unknown as PermissionsService;
    const { server } = await app(30, denyAll);
    const res = await page(server, {});
    expect(res.body).toMatchObject({ total: 0, items: [] });
    const { server: teamA } = await app(30);
    const body = (await page(teamA, { limit: 100 }))
      .body as EntityClustersResponse;
    expect(body.total).toBe(20);
    expect(body.items.every(c => c.owner === TEAM_A)).toBe(true);
  });

  it('answers a repeated request with 304 while its page is unchanged', async () => {
    const { server } = await app(30);
    const first = await page(server, { limit: 10 });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(first.headers['content-length']).toBe(
      String(Buffer.byteLength(first.text)),
    );
    const etag = first.headers.etag;
    expect(etag).toBeDefined();
    const head = await request(server)
      .head('/clusters')
      .query({ entityRef: TEAM_A, limit: 10 });
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(etag);
    expect(head.text).toBeFalsy();
    const again = await page(server, { limit: 10 }).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    // Another page is other bytes, so another ETag.
    const next = await page(server, { limit: 10, offset: 10 }).set(
      'If-None-Match',
      etag,
    );
    expect(next.status).toBe(200);
    expect(next.headers.etag).not.toBe(etag);
  });

  it('refuses page sizes over 100 and negative offsets', async () => {
    const { server } = await app(3);
    const queries: Array<Record<string, string | number>> = [
      { limit: 101 },
      { limit: 0 },
      { offset: -1 },
      { limit: 'ten' },
      { offset: 1.5 },
    ];
    for (const query of queries) {
      const res = await page(server, query);
      expect(res.status).toBe(400);
    }
  });

  it("pages a cluster's machines on the detail endpoint, by name, and keeps 404 for clusters the caller may not read", async () => {
    const { server } = await app(3);
    const first = await request(server)
      .get('/clusters/mc/default/c-0000')
      .query({ machineLimit: 4 });
    expect(first.status).toBe(200);
    const body = first.body as ClusterDetailResponse;
    expect(body.machinePage).toEqual({ offset: 0, limit: 4, total: 6 });
    expect(body.machines.map(m => m.name)).toEqual([
      'c-0000-m0',
      'c-0000-m1',
      'c-0000-m2',
      'c-0000-m3',
    ]);
    const rest = await request(server)
      .get('/clusters/mc/default/c-0000')
      .query({ machineOffset: 4, machineLimit: 4 });
    expect(
      (rest.body as ClusterDetailResponse).machines.map(m => m.name),
    ).toEqual(['c-0000-m4', 'c-0000-m5']);
    // Default page: every machine of a small cluster, with its count.
    const all = await request(server).get('/clusters/mc/default/c-0000');
    expect((all.body as ClusterDetailResponse).machinePage).toEqual({
      offset: 0,
      limit: 100,
      total: 6,
    });
    // c-0002 is team B's.
    const other = await request(server)
      .get('/clusters/mc/default/c-0002')
      .query({ machineLimit: 4 });
    expect(other.status).toBe(404);
    const bad = await request(server)
      .get('/clusters/mc/default/c-0000')
      .query({ machineLimit: 501 });
    expect(bad.status).toBe(400);
  });
});

describe('firstInOrder', () => {
  it('gives the first ids in code-unit order, as a full sort would, for short and long pages', () => {
    const ids = Array.from(
      { length: 500 },
      (_, i) => `mc-${(i * 7919) % 997}/ns/c-${(i * 31) % 101}-${i}`,
    );
    const sorted = [...ids].sort((a, b) => (a < b ? -1 : Number(a > b)));
    for (const count of [0, 1, 25, 60, 499, 500, 600]) {
      expect(firstInOrder(ids, count)).toEqual(sorted.slice(0, count));
    }
  });
});
