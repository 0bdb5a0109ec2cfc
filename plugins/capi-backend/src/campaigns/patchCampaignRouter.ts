import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  PATCH_CAMPAIGN_API_PATHS,
  PATCH_CAMPAIGN_LIMITS,
  type FleetQuery,
  type PatchCampaignsResponse,
} from '@capstan/plugin-capi-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ClusterAccess } from '../services/ClusterAccess';
import { fleetQuerySchema } from '../router';
import type { CampaignProgressCounter } from './CampaignProgress';
import type { PatchCampaignStore } from './PatchCampaignStore';

/** A campaign may not start more than this far in the future. */
const MAX_FUTURE_MS = PATCH_CAMPAIGN_LIMITS.maxFutureDays * 24 * 3600_000;

export const newCampaignSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'a name is required, e.g. the release it is for')
      .max(PATCH_CAMPAIGN_LIMITS.maxNameLength)
      // Shown as text everywhere; control characters have no place in it.
      .refine(
        s => ![...s].some(ch => ch.charCodeAt(0) < 0x20 || ch === '\u007f'),
        { message: 'must not contain control characters' },
      ),
    startedAt: z
      .string()
      .datetime({ offset: true, message: 'must be an RFC 3339 date and time' })
      .refine(s => Date.parse(s) <= Date.now() + MAX_FUTURE_MS, {
        message: `must not be more than ${PATCH_CAMPAIGN_LIMITS.maxFutureDays} days in the future`,
      }),
    slaHours: z
      .number()
      .int('must be a whole number of hours')
      .min(1)
      .max(PATCH_CAMPAIGN_LIMITS.maxSlaHours),
  })
  .strict();

const listQuery = z.object({ include: z.enum(['closed']).optional() }).strict();

/** Past campaigns listed when the caller does not say how many. */
const PAST_SHOWN = 5;

const pastQuery = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(PATCH_CAMPAIGN_LIMITS.maxPastListed)
      .optional(),
  })
  .strict();

/** Closing takes no input: an empty body (or none). */
const closeBody = z.object({}).strict();
/** The fleet page's filters: progress counts every cluster they match. */
const progressQuery = fleetQuerySchema.omit({
  offset: true,
  limit: true,
  view: true,
});
const idParam = z.string().uuid('must be a campaign id');

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `Invalid ${what}: ${result.error.issues
        .map(i => `${i.path.join('.') || what} ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}

/**
 * Patch campaign routes. Reading and starting or closing a campaign all
 * require `capi.fleet.read`: the fleet view is the platform team's.
 * - `GET /campaigns[?include=closed]`
 * - `POST /campaigns` `{ name, startedAt, slaHours }` → 201
 * - `POST /campaigns/:id/close` (empty body) → 200 with who closed it,
 *   when, and the final numbers over the whole fleet; 404 for an unknown id
 * - `GET /campaigns/past[?limit=N]` → closed campaigns, last closed first
 *   (the same permission and caller as closing)
 * - `GET /campaigns/:id/progress[?<fleet filters>]` → the campaign's
 *   progress over every cluster the filters match, 404 for an unknown id
 */
export function createPatchCampaignRouter(options: {
  httpAuth: HttpAuthService;
  access: Pick<ClusterAccess, 'requireFleet'>;
  store: PatchCampaignStore;
  /** Counts progress over the fleet; without it the progress route is absent. */
  progress?: Pick<CampaignProgressCounter, 'progress'>;
  /** Told after a campaign was started or closed (live updates). */
  onChange?(): void;
}): express.Router {
  const { httpAuth, access, store } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  const caller = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await access.requireFleet(credentials);
    return credentials.principal.userEntityRef;
  };

  router.get(PATCH_CAMPAIGN_API_PATHS.campaigns, async (req, res) => {
    await access.requireFleet(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );
    const query = parse(listQuery, req.query, 'query');
    const body: PatchCampaignsResponse = {
      items: await store.list({ includeClosed: query.include === 'closed' }),
    };
    res.json(body);
  });

  router.post(PATCH_CAMPAIGN_API_PATHS.campaigns, async (req, res) => {
    const user = await caller(req);
    const input = parse(newCampaignSchema, req.body, 'campaign');
    const campaign = await store.start(input, user);
    options.onChange?.();
    res.status(201).json(campaign);
  });

  const { progress } = options;

  router.get(PATCH_CAMPAIGN_API_PATHS.past, async (req, res) => {
    await caller(req);
    const query = parse(pastQuery, req.query, 'query');
    const body: PatchCampaignsResponse = {
      items: await store.past(query.limit ?? PAST_SHOWN),
    };
    res.json(body);
  });

  router.post(PATCH_CAMPAIGN_API_PATHS.close, async (req, res) => {
    const user = await caller(req);
    const id = parse(idParam, req.params.id, 'campaign id');
    parse(closeBody, req.body ?? {}, 'body');
    const open = await store.get(id);
    if (!open) throw new NotFoundError(`No patch campaign ${id}`);
    // The final numbers: the whole fleet, as the campaign stood.
    const final =
      progress && !open.closedAt ? progress.progress(open, {}) : undefined;
    const campaign = await store.close(
      id,
      user,
      final && {
        clusters: final.clusters,
        machines: final.machines,
        patched: final.patched,
      },
    );
    if (!campaign) throw new NotFoundError(`No patch campaign ${id}`);
    options.onChange?.();
    res.json(campaign);
  });
  if (progress) {
    router.get(PATCH_CAMPAIGN_API_PATHS.progress, async (req, res) => {
      await access.requireFleet(
        await httpAuth.credentials(req, { allow: ['user', 'service'] }),
      );
      const id = parse(idParam, req.params.id, 'campaign id');
      // Checked by the fleet route's own schema (as `GET /fleet` does).
      const filters = parse(progressQuery, req.query, 'query') as Omit<
        FleetQuery,
        'offset' | 'limit' | 'view'
      >;
      const campaign = await store.get(id);
      if (!campaign) throw new NotFoundError(`No patch campaign ${id}`);
      res.json(progress.progress(campaign, filters));
    });
  }

  return router;
}
