import { useEffect, useRef, type DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useSignal } from '@backstage/plugin-signals-react';

/** First retry after a failed load; doubles per failure up to the maximum. */
export const LIVE_LOAD_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;

/** A 4xx answer (no permission, bad request) will not change by asking again. */
function isWorthRetrying(error: Error): boolean {
  const status = (error as { response?: { status?: unknown } }).response
    ?.status;
  if (typeof status !== 'number') return true;
  return status >= 500 || status === 408 || status === 429;
}

/**
 * Loads data and reloads it whenever a signal arrives on `channel`. While a
 * reload runs the previous value stays on screen (react-use keeps it), so a
 * live update does not flash a spinner. A signal that arrives during a load
 * (react-use ignores a retry then) reloads once that load ends: the load may
 * have read the backend before the change the signal is about. A failed load (network error, 5xx)
 * is retried with backoff, so a backend restart does not leave an error on
 * screen until the user reloads the page.
 */
export function useLiveLoad<T>(
  channel: string,
  load: () => Promise<T>,
  deps: DependencyList,
) {
  // The message only says which clusters changed; we refetch either way.
  const { lastSignal } = useSignal(channel);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsyncRetry(load, deps);
  const { retry, error, loading } = state;
  const failures = useRef(0);
  const signalledWhileLoading = useRef(false);
  useEffect(() => {
    if (!lastSignal) return;
    if (loading) signalledWhileLoading.current = true;
    else retry();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastSignal]);
  useEffect(() => {
    if (loading) return undefined;
    if (signalledWhileLoading.current) {
      signalledWhileLoading.current = false;
      retry();
      return undefined;
    }
    if (!error) {
      failures.current = 0;
      return undefined;
    }
    if (!isWorthRetrying(error)) return undefined;
    const delay = Math.min(
      MAX_RETRY_MS,
      LIVE_LOAD_RETRY_MS * 2 ** failures.current,
    );
    failures.current += 1;
    const timer = setTimeout(retry, delay);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error, loading]);
  return state;
}
