import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  CLUSTER_CLASSES_PATH,
  type ClusterClassesResponse,
} from '@capstan/plugin-capi-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ClusterClassIndex } from './ClusterClassIndex';

const dnsName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);

const query = z
  .object({
    managementCluster: dnsName.optional(),
    namespace: dnsName.optional(),
    name: dnsName.optional(),
  })
  .strict();

/**
 * `GET /cluster-classes`: the ClusterClasses and their variable definitions,
 * for the scaffolder (as a service) and signed-in users. Definitions are
 * platform configuration, not tenant data, so any authenticated caller reads them.
 */
export function createClusterClassRouter(options: {
  httpAuth: HttpAuthService;
  index: ClusterClassIndex;
}) {
  const router = Router();
  router.get(CLUSTER_CLASSES_PATH, async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const parsed = query.safeParse(req.query);
    if (!parsed.success) {
      throw new InputError(
        `Invalid ClusterClass query: ${parsed.error.issues
          .map(i => `${i.path.join('.')} ${i.message}`)
          .join('; ')}`,
      );
    }
    const body: ClusterClassesResponse = {
      items: options.index.list(parsed.data),
      synced: options.index.synced(),
      withoutClusterClassApi: options.index.withoutApi(),
    };
    res.json(body);
  });
  return router;
}
