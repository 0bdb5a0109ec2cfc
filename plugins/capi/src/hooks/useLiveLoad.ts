import { useEffect, useRef, useState, type DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { loadProblemOf, type LoadProblem } from '../api/loadProblem';
import { useSignalCount } from './useSignalCount';

/** First retry after a failed load; doubles per failure up to the maximum. */
export const LIVE_LOAD_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;

/** What {@link useLiveLoad} returns. */
export interface LiveLoadState<T> {
  /** The last value loaded for these inputs, also while a reload fails. */
  value?: T;
  /** The last load's error, until a load succeeds. */
  error?: Error;
  /** The error as a sentence, and whether it is retried. */
  problem?: LoadProblem;
  loading: boolean;
  /** True when `value` is shown although the last load failed: not current. */
  stale: boolean;
  /** When `value` was loaded (epoch ms). */
  loadedAt?: number;
  /** When the next automatic retry runs (epoch ms); none for a 4xx. */
  retryAt?: number;
  /** Loads again now. */
  retry: () => void;
}

function sameDeps(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((d, i) => Object.is(d, b[i]));
}

/**
 * Loads data and reloads it whenever a signal arrives on `channel`.
 *
 * - While a reload runs the previous value stays on screen (react-use keeps
 *   it), so a live update does not flash a spinner. A signal that arrives
 *   during a load (react-use ignores a retry then) reloads once that load
 *   ends: the load may have read the backend before the change.
 * - A failed load keeps the last value for the same inputs (react-use drops
 *   it) and marks it `stale`; a network error or 5xx is retried with backoff
 *   (5 s doubling to 60 s), so a backend restart heals without a reload. A
 *   4xx is not retried: asking again will not change it.
 * - When a load succeeds after failures, the signal subscription is made
 *   again: the signals connection may have dropped with the backend, and the
 *   changes it missed are in the value just loaded.
 */
export function useLiveLoad<T>(
  channel: string,
  load: () => Promise<T>,
  deps: DependencyList,
): LiveLoadState<T> {
  const [subscription, setSubscription] = useState(0);
  const signals = useSignalCount(channel, subscription);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsyncRetry(load, deps);
  const { retry, error, loading } = state;
  const failures = useRef(0);
  const signalledWhileLoading = useRef(false);
  const lastGood = useRef<{ deps: DependencyList; value: T; at: number }>();
  const [retryAt, setRetryAt] = useState<number>();

  if (!loading && !error && state.value !== undefined) {
    const current = lastGood.current;
    if (!current || current.value !== state.value) {
      lastGood.current = { deps, value: state.value, at: Date.now() };
    }
  }

  useEffect(() => {
    if (signals === 0) return;
    if (loading) signalledWhileLoading.current = true;
    else retry();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signals]);

  useEffect(() => {
    if (loading) return undefined;
    if (signalledWhileLoading.current) {
      signalledWhileLoading.current = false;
      retry();
      return undefined;
    }
    if (!error) {
      if (failures.current > 0) setSubscription(n => n + 1);
      failures.current = 0;
      setRetryAt(undefined);
      return undefined;
    }
    if (!loadProblemOf(error).retryable) {
      setRetryAt(undefined);
      return undefined;
    }
    const delay = Math.min(
      MAX_RETRY_MS,
      LIVE_LOAD_RETRY_MS * 2 ** failures.current,
    );
    failures.current += 1;
    setRetryAt(Date.now() + delay);
    const timer = setTimeout(retry, delay);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error, loading]);

  const kept =
    lastGood.current && sameDeps(lastGood.current.deps, deps)
      ? lastGood.current
      : undefined;
  const value = state.value !== undefined ? state.value : kept?.value;
  return {
    value,
    error,
    problem: error ? loadProblemOf(error) : undefined,
    loading,
    stale: Boolean(error) && value !== undefined,
    loadedAt: kept?.at,
    retryAt: error && !loading ? retryAt : undefined,
    retry,
  };
}
