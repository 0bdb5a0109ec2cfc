/**
 * Benchmarks and fault soak of the Capstan capi backend. Run as scripts
 * (`yarn bench`, `yarn soak`); the helpers are exported for reuse in tests.
 *
 * @packageDocumentation
 */
export { percentile, summarize, measure, waitFor } from './stats';
export type { LatencySummary, MeasureOptions } from './stats';
export { compareViews } from './compare';
export type { TruthCluster, ViewMismatch } from './compare';
