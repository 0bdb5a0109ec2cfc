import express from 'express';
import Router from 'express-promise-router';
import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CapiActionOptions } from '../options';
import { MAX_FORM_BYTES } from './formValidationRouter';
import { day2FormSchema, validateDay2Form } from './validateDay2Change';

/**
 * `POST /capi/validate/day2` (under the scaffolder's base URL): a day-2
 * form (scale, upgrade) checked by a dry run of the template's own change,
 * its problems each on their field, or its impact when there are none.
 * Signed-in users only, as themselves; writes nothing.
 */
export function createDay2ValidationRouter(
  options: CapiActionOptions,
  deps: { httpAuth: HttpAuthService; logger: LoggerService },
): express.Router {
  const router = Router();
  router.post(
    '/capi/validate/day2',
    express.json({ limit: MAX_FORM_BYTES }),
    async (req, res) => {
      const credentials = await deps.httpAuth.credentials(req, {
        allow: ['user'],
      });
      const parsed = day2FormSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        throw new InputError(
          `The form could not be read: ${parsed.error.issues
            .slice(0, 3)
            .map(i => `${i.path.join('.') || 'form'}: ${i.message}`)
            .join('; ')}`,
        );
      }
      res.json(
        await validateDay2Form(parsed.data, options, {
          credentials,
          logger: deps.logger,
        }),
      );
    },
  );
  return router;
}
