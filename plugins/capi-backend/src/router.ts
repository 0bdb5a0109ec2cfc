import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CAPI_PAGE_LIMITS,
  CLUSTER_STATUSES,
  ClusterProfileSummary,
  ComplianceResponse,
  FleetQuery,
  ManagementClustersResponse,
  ProfilesResponse,
} from '@capstan/plugin-capi-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { absentClusterError } from './services/ClusterAbsence';
import type { ClusterAccess } from './services/ClusterAccess';
import { ClusterPages } from './services/ClusterPages';
import {
  EncodedListItems,
  sendEncodedAnswer,
} from './services/EncodedListItems';
import type { ComplianceRecorder } from './services/ComplianceRecorder';
import type { EntityClusterResolver } from './services/EntityClusterResolver';
import type { FleetReader } from './services/FleetReader';
import type { RecentEntityLinks } from './services/RecentEntityLinks';
import { sendEncodedJson } from './services/sendEncodedJson';

/**
 * What the router needs.
 *
 * @public
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  /** Applies the permission policy to cluster and fleet reads. */
  access: ClusterAccess;
  logger: LoggerService;
  reader: FleetReader;
  resolver: EntityClusterResolver;
  compliance?: ComplianceRecorder;
  profiles: ClusterProfileSummary[];
  /** Remembers entity → cluster resolutions for signals. */
  entityLinks?: RecentEntityLinks;
}

const DAY = 86_400_000;
const MAX_RANGE_DAYS = 400;

/** `a,b` or repeated params, as a list of non-empty strings. */
const stringList = z.union([z.string(), z.array(z.string())]).transform(v =>
  (Array.isArray(v) ? v : [v])
    .flatMap(s => s.split(','))
    .map(s => s.trim())
    .filter(Boolean),
);

/** Query of `GET /fleet`; the campaign progress route takes its filters too. */
export const fleetQuerySchema = z
  .object({
    managementCluster: stringList.optional(),
    version: stringList.optional(),
    status: stringList.pipe(z.array(z.enum(CLUSTER_STATUSES))).optional(),
    phase: stringList.optional(),
    patchState: stringList
      .pipe(z.array(z.enum(['up-to-date', 'pending', 'overdue', 'unknown'])))
      .optional(),
    owner: stringList.optional(),
    search: z.string().max(253).optional(),
    offset: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    view: z.enum(['rows', 'summaries']).optional(),
  })
  .strict();

const entityQuerySchema = z
  .object({
    entityRef: z.string().min(1).max(1024),
    offset: z.coerce.number().int().min(0).optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(CAPI_PAGE_LIMITS.clusters.max)
      .optional(),
  })
  .strict();

const clusterQuerySchema = z
  .object({
    machineOffset: z.coerce.number().int().min(0).optional(),
    machineLimit: z.coerce
      .number()
      .int()
      .min(1)
      .max(CAPI_PAGE_LIMITS.machines.max)
      .optional(),
  })
  .strict();

const complianceQuerySchema = z
  .object({
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
    scope: stringList
      .pipe(
        z
          .array(
            z
              .string()
              .max(600)
              .regex(/^(fleet|owner:.+|cluster:[^/]+\/[^/]+\/[^/]+)$/, {
                message:
                  'scope must be "fleet", "owner:<entityRef>" or "cluster:<managementCluster/namespace/name>"',
              }),
          )
          .max(50),
      )
      .optional(),
  })
  .strict();

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues
      .map(i =>
        i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
      )
      .join('; ');
    throw new InputError(`Invalid query: ${problems}`);
  }
  return result.data;
}

/**
 * The REST API under `/api/capi`. Every response comes from the cache.
 * Every route needs a signed-in user or a service (401 otherwise).
 *
 * Access rules (Backstage permission framework):
 * - Clusters are read with `capi.cluster.read`, evaluated per cluster
 *   against the owner, entity and labels recorded on the live Cluster. A
 *   conditional decision filters lists in one pass.
 * - `GET /clusters?entityRef=&offset=&limit=`: one page (≤ 100, default
 *   25) of the entity's clusters without machines; the caller must be able to read the entity
 *   in the catalog (otherwise 404, as for an entity that does not exist);
 *   the entity's annotations, selector and relations only ever narrow: the
 *   result holds only the clusters the caller may read.
 * - `GET /clusters/:mc/:ns/:name`: 404 both for an unknown cluster and for
 *   one the caller may not read, so that cluster names do not leak.
 * - fleet endpoints (`/fleet`, `/fleet/compliance`, `/management-clusters`):
 *   `capi.fleet.read`, else 403. `/fleet` answers rows for the fleet table
 *   (`view=summaries`: list items), the rows' page encoded once per fleet
 *   change (see EncodedFleetPages).
 * - `/profiles`: any signed-in user (templates need them).
 *
 * @public
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, access, reader, resolver, compliance } = options;
  const pages = ClusterPages.create({ reader });
  const listItems = new EncodedListItems();
  const router = Router();
  router.use(express.json());

  const callerOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/clusters', async (req, res) => {
    const credentials = await callerOf(req);
    const { entityRef, offset, limit } = parse(entityQuerySchema, req.query);
    const entity = await resolver.getEntity(entityRef, credentials);
    const ids = await resolver.resolve(entity, credentials);
    options.entityLinks?.record(stringifyEntityRef(entity), ids);
    const readable = await access.readFilter(credentials);
    // Authorise first, then page: `total` counts only readable clusters.
    const { summaries, ...page } = pages.summaries(ids.filter(readable), {
      offset,
      limit,
    });
    // An EntityClustersResponse, its items encoded once per summary.
    const answer = listItems.entityAnswer(
      { entityRef: stringifyEntityRef(entity), ...page },
      summaries,
      reader.unsyncedManagementClusters(),
    );
    sendEncodedAnswer(req, res, answer);
  });

  router.get(
    '/clusters/:managementCluster/:namespace/:name',
    async (req, res) => {
      const credentials = await callerOf(req);
      const { managementCluster, namespace, name } = req.params;
      const { machineOffset, machineLimit } = parse(
        clusterQuerySchema,
        req.query,
      );
      const id = `${managementCluster}/${namespace}/${name}`;
      const notFound = () =>
        new NotFoundError(`Cluster ${id} not found, or no access to it`);
      if (!reader.index.has(id)) {
        // 503 while this instance has not synced that management cluster.
        throw absentClusterError(
          reader.health(),
          managementCluster,
          notFound(),
        );
      }
      const readable = await access.readFilter(credentials);
      if (!readable(id)) throw notFound();
      const summary = reader.cluster(id);
      if (!summary) throw notFound();
      res.json(
        pages.machines(summary, { offset: machineOffset, limit: machineLimit }),
      );
    },
  );

  router.get('/fleet', async (req, res) => {
    const credentials = await callerOf(req);
    const query = parse(fleetQuerySchema, req.query) as FleetQuery;
    await access.requireFleet(credentials);
    if (query.view === 'summaries') {
      res.json(reader.fleetSummaries(query));
      return;
    }
    sendEncodedJson(req, res, reader.encodedFleet(query));
  });

  router.get('/fleet/compliance', async (req, res) => {
    const credentials = await callerOf(req);
    const query = parse(complianceQuerySchema, req.query);
    await access.requireFleet(credentials);
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from
      ? new Date(query.from)
      : new Date(to.getTime() - 30 * DAY);
    if (from.getTime() > to.getTime()) {
      throw new InputError('Invalid query: from must not be after to');
    }
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
      throw new InputError(
        `Invalid query: the range may span at most ${MAX_RANGE_DAYS} days`,
      );
    }
    const scopes =
      query.scope && query.scope.length > 0 ? query.scope : ['fleet'];
    const body: ComplianceResponse = {
      from: from.toISOString(),
      to: to.toISOString(),
      series: compliance
        ? await compliance.series({
            from,
            to,
            scopes: scopes.map(s =>
              s.startsWith('owner:') ? s.toLocaleLowerCase('en-US') : s,
            ),
          })
        : scopes.map(scope => ({ scope, points: [] })),
    };
    res.json(body);
  });

  router.get('/management-clusters', async (req, res) => {
    await access.requireFleet(await callerOf(req));
    const body: ManagementClustersResponse = { items: reader.health() };
    res.json(body);
  });

  router.get('/profiles', async (req, res) => {
    await callerOf(req);
    const body: ProfilesResponse = { items: options.profiles };
    res.json(body);
  });

  return router;
}
