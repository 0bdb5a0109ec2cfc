import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CapiActionOptions } from '../options';
import {
  newClusterFormSchema,
  validateNewClusterForm,
} from './validateNewCluster';

/** The largest form the route reads; a new-cluster form is a few kilobytes. */
export const MAX_FORM_BYTES = 64 * 1024;

/**
 * `POST /capi/validate/new-cluster` (under the scaffolder's base URL): the
 * problems of a new-cluster form, each on its field, for the form's field
 * validation before Review. Signed-in users only; reads and writes nothing
 * in Git but checks whether the name is taken.
 */
export function createFormValidationRouter(
  options: Pick<CapiActionOptions, 'profiles' | 'gitops' | 'liveClusters'>,
  deps: { httpAuth: HttpAuthService },
): express.Router {
  const router = Router();
  router.post(
    '/capi/validate/new-cluster',
    express.json({ limit: MAX_FORM_BYTES }),
    async (req, res) => {
      await deps.httpAuth.credentials(req, { allow: ['user'] });
      const parsed = newClusterFormSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        throw new InputError(
          `The form could not be read: ${parsed.error.issues
            .slice(0, 3)
            .map(i => `${i.path.join('.') || 'form'}: ${i.message}`)
            .join('; ')}`,
        );
      }
      const problems = await validateNewClusterForm(parsed.data, options);
      res.json({ problems });
    },
  );
  return router;
}
