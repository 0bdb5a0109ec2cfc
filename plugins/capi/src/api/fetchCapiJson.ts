import type { FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { unreachableError } from './loadProblem';

/**
 * A request to the capi backend, answered with JSON. Throws a ResponseError
 * for an error answer and {@link unreachableError} when no answer came (the
 * backend restarts, the network is down), never the browser's bare
 * "Failed to fetch".
 */
export async function fetchCapiJson<T>(
  fetchApi: FetchApi,
  url: string,
  init?: RequestInit,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchApi.fetch(url, init);
  } catch (error) {
    if (error instanceof TypeError) throw unreachableError();
    throw error;
  }
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as T;
}
