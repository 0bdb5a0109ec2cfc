import { useEffect, useState } from 'react';
import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';

/**
 * How many signals arrived on `channel` (the message only says which
 * clusters changed; the caller refetches either way). A new `subscription`
 * number subscribes again: Backstage's signal client opens a new connection
 * on subscribe when its last one closed and was not reopened. Without the
 * signals plugin it stays 0.
 */
export function useSignalCount(channel: string, subscription = 0): number {
  const signals = useApiHolder().get(signalApiRef);
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!signals) return undefined;
    const { unsubscribe } = signals.subscribe(channel, () =>
      setCount(n => n + 1),
    );
    return unsubscribe;
  }, [signals, channel, subscription]);
  return count;
}
