import useMeasure from 'react-use/esm/useMeasure';

/** How wide a table's container is, as far as the layout goes. */
export type Fit = 'wide' | 'medium' | 'narrow';

/**
 * Measures an element and says which layout fits it: below `medium` px
 * `medium`, below `narrow` px `narrow`. Unmeasured (no ResizeObserver, the
 * first render) counts as wide.
 */
export function useFitWidth(breakpoints: { medium: number; narrow: number }) {
  const [ref, { width }] = useMeasure<HTMLDivElement>();
  let fit: Fit = 'wide';
  if (width > 0 && width < breakpoints.narrow) fit = 'narrow';
  else if (width > 0 && width < breakpoints.medium) fit = 'medium';
  return [ref, fit] as const;
}
