import { useState } from 'react';
import useInterval from 'react-use/esm/useInterval';

/** The time now, updated every `everyMs`: for "for 3 min" texts that age on screen. */
export function useNow(everyMs = 10_000): number {
  const [now, setNow] = useState(Date.now());
  useInterval(() => setNow(Date.now()), everyMs);
  // A render for another reason shows the time of that render.
  return Math.max(now, Date.now());
}
