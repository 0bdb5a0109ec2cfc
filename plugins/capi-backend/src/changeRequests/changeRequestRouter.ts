import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CHANGE_REQUEST_API_PATHS,
  CHANGE_REQUEST_KINDS,
  type ChangeRequestsResponse,
  type ChangeRequestSubmission,
} from '@capstan/plugin-capi-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ClusterAccess } from '../services/ClusterAccess';
import type { EntityClusterResolver } from '../services/EntityClusterResolver';
import { toApi, type ChangeRequestStore } from './ChangeRequestStore';

/** Ended requests stay in the open list this long, so cards show how they ended. */
export const RECENTLY_ENDED_MS = 15 * 60_000;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const label = z.string().regex(DNS_LABEL, 'must be a DNS label');
/** Links the card renders: http(s) only, never `javascript:` and the like. */
const webUrl = z
  .string()
  .max(1024)
  .url()
  .refine(u => /^https?:\/\//i.test(u), 'must be an http(s) URL');
const count = (max: number) => z.number().int().min(0).max(max);
const kubernetesVersion = z
  .string()
  .max(64)
  .regex(/^v?\d+\.\d+\.\d+[-+.A-Za-z0-9]*$/, 'must be a Kubernetes version');

export const submissionSchema = z
  .object({
    id: z.string().regex(/^[a-f0-9]{16,64}$/, 'must be 16-64 hex digits'),
    managementCluster: label,
    namespace: label,
    name: label,
    kind: z.enum(CHANGE_REQUEST_KINDS),
    requestedBy: z
      .string()
      .max(512)
      .regex(/^[a-z]+:[^\s]+$/i, 'must be an entity ref')
      .optional(),
    taskId: z
      .string()
      .max(256)
      .regex(/^[A-Za-z0-9._-]+$/),
    taskUrl: webUrl.optional(),
    mode: z.enum(['commit', 'pull-request']),
    commitSha: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/)
      .optional(),
    pullRequestUrl: webUrl.optional(),
    desired: z
      .object({
        present: z.boolean(),
        version: kubernetesVersion.optional(),
        controlPlaneReplicas: count(99).optional(),
        pools: z
          .array(
            z
              .object({
                name: label,
                replicas: count(10_000).optional(),
                autoscaling: z
                  .object({ min: count(10_000), max: count(10_000) })
                  .strict()
                  .optional(),
                version: kubernetesVersion.optional(),
              })
              .strict(),
          )
          .max(200)
          .optional(),
      })
      .strict(),
  })
  .strict();

const clusterQuery = z
  .object({
    cluster: z
      .string()
      .max(200)
      .regex(
        /^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/,
        'cluster must be managementCluster/namespace/name',
      ),
  })
  .strict();
const openQuery = z.union([
  clusterQuery,
  z.object({ entityRef: z.string().min(1).max(1024) }).strict(),
]);
const historyQuery = clusterQuery.extend({
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

function parse<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid ${what}: ${result.error.issues
        .map(i =>
          i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
        )
        .join('; ')}`,
    );
  }
  return result.data;
}

export interface ChangeRequestRouterOptions {
  httpAuth: HttpAuthService;
  access: ClusterAccess;
  resolver: EntityClusterResolver;
  store: ChangeRequestStore;
  /** Told the cluster of a newly recorded request. */
  onRecorded?(clusterId: string): void;
}

/**
 * The change request API (see the README):
 * - `POST /change-requests`: services only (the scaffolder module), users 403.
 * - `GET /change-requests?cluster=|entityRef=`: open requests (and those
 *   that ended in the last 15 minutes), and
 *   `GET /change-requests/history?cluster=`: a cluster's last requests,
 *   newest first (`limit` ≤ 50, `offset`); each readable exactly when the
 *   cluster is (`capi.cluster.read`), a cluster the caller may not read
 *   answers 404.
 */
export function createChangeRequestRouter(
  options: ChangeRequestRouterOptions,
): express.Router {
  const { httpAuth, access, store, resolver } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.post(CHANGE_REQUEST_API_PATHS.changeRequests, async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const submission: ChangeRequestSubmission = parse(
      submissionSchema,
      req.body,
      'change request',
    );
    const created = await store.add(submission);
    const clusterId = `${submission.managementCluster}/${submission.namespace}/${submission.name}`;
    if (created) options.onRecorded?.(clusterId);
    const stored = await store.get(submission.id);
    res.status(created ? 201 : 200).json(stored && toApi(stored));
  });

  const readableCluster = async (req: express.Request, cluster: string) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const readable = await access.readFilter(credentials);
    if (!readable(cluster)) {
      throw new NotFoundError(
        `Cluster ${cluster} not found, or no access to it`,
      );
    }
  };

  router.get(CHANGE_REQUEST_API_PATHS.changeRequests, async (req, res) => {
    const query = parse(openQuery, req.query, 'query');
    let ids: string[];
    if ('cluster' in query) {
      await readableCluster(req, query.cluster);
      ids = [query.cluster];
    } else {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entity = await resolver.getEntity(query.entityRef, credentials);
      const readable = await access.readFilter(credentials);
      ids = (await resolver.resolve(entity, credentials)).filter(readable);
    }
    const body: ChangeRequestsResponse = {
      items: (await store.openOf(ids, Date.now() - RECENTLY_ENDED_MS)).map(
        toApi,
      ),
    };
    res.json(body);
  });

  router.get(CHANGE_REQUEST_API_PATHS.history, async (req, res) => {
    const query = parse(historyQuery, req.query, 'query');
    await readableCluster(req, query.cluster);
    const page = await store.history(query.cluster, {
      offset: query.offset ?? 0,
      limit: query.limit ?? 50,
    });
    const body: ChangeRequestsResponse = {
      items: page.items.map(toApi),
      total: page.total,
    };
    res.json(body);
  });

  return router;
}
