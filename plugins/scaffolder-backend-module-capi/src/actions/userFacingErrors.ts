import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';

/**
 * Errors that say what is wrong with the request (bad input, a taken name,
 * no permission, a missing cluster, a management cluster that cannot answer
 * yet): the user needs the message, not where in the server it was thrown.
 */
const USER_FACING = new Set([
  'InputError',
  'ConflictError',
  'NotAllowedError',
  'NotFoundError',
  'ServiceUnavailableError',
]);

/**
 * Wraps an action so that a user-facing error reaches the task log as one
 * clean message: the scaffolder prints `error.stack`, so the stack (with
 * the server's source paths) goes to the server log and the error's stack
 * is cut down to its message. Other errors are left alone.
 */
export function withUserFacingErrors<
  TAction extends {
    id: string;
    handler: (ctx: never) => Promise<void>;
  },
>(action: TAction, logger?: LoggerService): TAction {
  const handler = action.handler as (ctx: unknown) => Promise<void>;
  return {
    ...action,
    handler: async (ctx: unknown) => {
      try {
        await handler(ctx);
      } catch (error) {
        if (isError(error) && USER_FACING.has(error.name)) {
          logger?.info(`Action ${action.id} refused: ${error.stack}`);
          error.stack = error.message;
        }
        throw error;
      }
    },
  };
}
