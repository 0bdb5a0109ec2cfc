import { ResponseError, ServiceUnavailableError } from '@backstage/errors';

/** What went wrong with a load, as a person reads it. */
export interface LoadProblem {
  /** One or two plain sentences, ending with a full stop. */
  sentence: string;
  /**
   * Whether asking again may help: an unreachable or failing backend, yes; a
   * missing permission or a bad request, no.
   */
  retryable: boolean;
}

/** The sentence for a backend that did not answer (network error, restart, proxy timeout). */
export const UNREACHABLE_SENTENCE = "Capstan's backend could not be reached.";

/**
 * A fetch that never reached the backend (it is restarting, the network is
 * down) as an error with a sentence instead of the browser's "Failed to fetch".
 */
export function unreachableError(): ServiceUnavailableError {
  return new ServiceUnavailableError(UNREACHABLE_SENTENCE.slice(0, -1));
}

function backendMessage(error: ResponseError): string | undefined {
  const message = error.cause?.message?.trim();
  // ResponseError makes up "Request failed with status 503 ..." when the
  // answer was not the backend's JSON (a proxy's page): nothing to quote.
  if (!message || message.startsWith('Request failed with status')) {
    return undefined;
  }
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

/**
 * Classifies an error from the capi clients. Browsers reject a fetch that got
 * no answer with a TypeError ("Failed to fetch", "Load failed", "NetworkError
 * when attempting to fetch resource"); the clients turn those into
 * {@link unreachableError}, tests and other clients may not.
 */
export function loadProblemOf(error: Error): LoadProblem {
  if (error instanceof ResponseError) {
    const status = error.statusCode;
    const said = backendMessage(error);
    if (status === 401) {
      return {
        sentence: 'Your sign-in has expired. Reload the page to sign in again.',
        retryable: false,
      };
    }
    if (status === 403) {
      return {
        sentence: `You do not have permission to see this.${
          said ? ` The backend said: ${said}` : ''
        }`,
        retryable: false,
      };
    }
    if (status === 404) {
      return {
        sentence: `Capstan's backend does not know what was asked for.${
          said ? ` It said: ${said}` : ''
        }`,
        retryable: false,
      };
    }
    if (status === 408 || status === 429 || status >= 500) {
      // A proxy's page: the backend itself was not reached. Its own words
      // mean it answered ("could not be reached. It said: …" contradicted
      // itself on the card).
      if (status === 502 || status === 503 || status === 504) {
        return {
          sentence: said
            ? `Capstan's backend is not available right now (${status}). It said: ${said}`
            : UNREACHABLE_SENTENCE,
          retryable: true,
        };
      }
      return {
        sentence: `Capstan's backend failed to answer (${status}).${
          said ? ` It said: ${said}` : ''
        }`,
        retryable: true,
      };
    }
    return {
      sentence: `Capstan's backend refused the request (${status}).${
        said ? ` It said: ${said}` : ''
      }`,
      retryable: false,
    };
  }
  if (error instanceof TypeError || ServiceUnavailableError.is(error)) {
    return { sentence: UNREACHABLE_SENTENCE, retryable: true };
  }
  const message = error.message.trim();
  return {
    sentence: message
      ? `Loading failed: ${/[.!?]$/.test(message) ? message : `${message}.`}`
      : 'Loading failed.',
    retryable: true,
  };
}
