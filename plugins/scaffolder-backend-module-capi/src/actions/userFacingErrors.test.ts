import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { withUserFacingErrors } from './userFacingErrors';

function failingAction(error: Error) {
  return {
    id: 'capi:test:fail',
    handler: async (_ctx: { input: string }) => {
      throw error;
    },
  };
}

describe('withUserFacingErrors', () => {
  it('turns an input error into one clean message and sends its stack to the server log', async () => {
    const logger = mockServices.logger.mock();
    const error = new InputError('pod network "abc" is not a CIDR');
    const action = withUserFacingErrors(failingAction(error), logger);
    const thrown = await action.handler({ input: 'x' }).catch(e => e);
    expect(thrown).toBe(error);
    expect(thrown.name).toBe('InputError');
    // The scaffolder prints error.stack into the task log.
    expect(String(thrown.stack)).toBe('pod network "abc" is not a CIDR');
    expect(String(thrown.stack)).not.toMatch(/\bat |\.ts:\d+/);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/capi:test:fail refused: InputError: .*\n\s+at /),
    );
  });

  it('does the same for a taken name', async () => {
    const action = withUserFacingErrors(
      failingAction(new ConflictError('cluster "a" already exists')),
    );
    const thrown = await action.handler({ input: 'x' }).catch(e => e);
    expect(thrown.stack).toBe('cluster "a" already exists');
  });

  it('keeps the stack of an unexpected error', async () => {
    const action = withUserFacingErrors(
      failingAction(new TypeError('x is undefined')),
    );
    const thrown = await action.handler({ input: 'x' }).catch(e => e);
    expect(thrown.stack).toMatch(/^TypeError: x is undefined\n\s+at /);
  });
});
