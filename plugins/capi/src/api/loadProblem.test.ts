import { ResponseError } from '@backstage/errors';
import { loadProblemOf, unreachableError } from './loadProblem';

async function answer(status: number, message?: string) {
  return ResponseError.fromResponse(
    new Response(
      message
        ? JSON.stringify({
            error: { name: 'Error', message },
            response: { statusCode: status },
          })
        : 'upstream gone',
      {
        status,
        headers: message ? { 'Content-Type': 'application/json' } : {},
      },
    ),
  );
}

describe('loadProblemOf', () => {
  it('reads a fetch that got no answer as an unreachable backend, retried', () => {
    for (const error of [
      new TypeError('Failed to fetch'),
      unreachableError(),
    ]) {
      expect(loadProblemOf(error)).toEqual({
        sentence: "Capstan's backend could not be reached.",
        retryable: true,
      });
    }
  });

  it('retries 5xx, 408 and 429 answers; a proxy 502/503/504 reads as unreachable', async () => {
    expect(loadProblemOf(await answer(503))).toEqual({
      sentence: "Capstan's backend could not be reached.",
      retryable: true,
    });
    // The backend's own 503 (it answered): not "could not be reached".
    expect(loadProblemOf(await answer(503, 'cache not ready'))).toEqual({
      sentence:
        "Capstan's backend is not available right now (503). It said: cache not ready.",
      retryable: true,
    });
    expect(loadProblemOf(await answer(500, 'cache not ready'))).toEqual({
      sentence:
        "Capstan's backend failed to answer (500). It said: cache not ready.",
      retryable: true,
    });
    expect(loadProblemOf(await answer(429)).retryable).toBe(true);
    expect(loadProblemOf(await answer(408)).retryable).toBe(true);
  });

  it('does not retry a missing permission, a bad request, a lost sign-in or an unknown path', async () => {
    expect(
      loadProblemOf(await answer(403, 'capi.fleet.read is not allowed')),
    ).toEqual({
      sentence:
        'You do not have permission to see this. The backend said: capi.fleet.read is not allowed.',
      retryable: false,
    });
    expect(
      loadProblemOf(await answer(400, 'limit must be at most 500')),
    ).toEqual({
      sentence:
        "Capstan's backend refused the request (400). It said: limit must be at most 500.",
      retryable: false,
    });
    expect(loadProblemOf(await answer(401)).retryable).toBe(false);
    expect(loadProblemOf(await answer(404)).retryable).toBe(false);
  });
});
