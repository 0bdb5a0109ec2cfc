import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DRIFT_STATES,
  DriftState,
  FleetDriftResponse,
} from '@capstan/plugin-capi-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ClusterAccess } from '../services/ClusterAccess';

const stringList = z.union([z.string(), z.array(z.string())]).transform(v =>
  (Array.isArray(v) ? v : [v])
    .flatMap(s => s.split(','))
    .map(s => s.trim())
    .filter(Boolean),
);

const querySchema = z
  .object({
    state: stringList.pipe(z.array(z.enum(DRIFT_STATES))).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();

/**
 * `GET /fleet/drift`: drift counts by state and the clusters in the
 * asked-for states, for callers who may read the fleet (capi.fleet.read).
 */
export function createDriftRouter(options: {
  httpAuth: HttpAuthService;
  access: Pick<ClusterAccess, 'requireFleet'>;
  fleet: (query: {
    state?: DriftState[];
    offset?: number;
    limit?: number;
  }) => FleetDriftResponse;
  unavailableReason: () => string | undefined;
}) {
  const router = Router();
  router.get('/fleet/drift', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const parsed = querySchema.safeParse(req.query);
    if (!parsed.success) {
      throw new InputError(
        `Invalid query: ${parsed.error.issues
          .map(i => `${i.path.join('.') || 'query'}: ${i.message}`)
          .join('; ')}`,
      );
    }
    await options.access.requireFleet(credentials);
    const body = options.fleet(parsed.data);
    const reason = options.unavailableReason();
    res.json(reason ? { ...body, unavailableReason: reason } : body);
  });
  return router;
}
