import {
  validateNodePool,
  type NodePoolInput,
  type NodePoolLimits,
} from '@capstan/plugin-capi-common';

/** The inputs of a node pool row that a problem can point at. */
export type PoolField = 'name' | 'size' | 'replicas' | 'min' | 'max' | 'labels';

/**
 * Which inputs of one row the shared rules (capi-common's validateNodePool,
 * the same the backend runs) complain about. The rules stay in capi-common;
 * this only reads which field each message names, to mark it.
 */
export function poolFieldProblems(
  pool: NodePoolInput,
  limits: NodePoolLimits,
  duplicateName: boolean,
): Set<PoolField> {
  const fields = new Set<PoolField>();
  if (duplicateName) fields.add('name');
  for (const problem of validateNodePool(pool, limits)) {
    if (/^node pool name\b/.test(problem)) fields.add('name');
    else if (/: (choose a size|unknown size)/.test(problem)) fields.add('size');
    else if (/autoscaling min \d+ is greater than max/.test(problem)) {
      fields.add('min');
      fields.add('max');
    } else if (/autoscaling max \d+ exceeds/.test(problem)) fields.add('max');
    else if (/autoscaling (min and max|is not available)/.test(problem)) {
      fields.add('min');
      fields.add('max');
    } else if (/: (replicas|set replicas)/.test(problem))
      fields.add('replicas');
    else if (/label/.test(problem)) fields.add('labels');
  }
  return fields;
}
