import { useEffect, type DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useSignal } from '@backstage/plugin-signals-react';

/**
 * Loads data and reloads it whenever a signal arrives on `channel`. While a
 * reload runs the previous value stays on screen (react-use keeps it), so a
 * live update does not flash a spinner.
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
  const { retry } = state;
  useEffect(() => {
    if (lastSignal) {
      retry();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastSignal]);
  return state;
}
