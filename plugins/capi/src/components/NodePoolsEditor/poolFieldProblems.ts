import {
  validateNodePool,
  type NodePoolInput,
  type NodePoolLimits,
} from '@capstan/plugin-capi-common';
import { asSentence } from '../FormValidation/newClusterProblems';

/** The inputs of a node pool row that a problem can point at. */
export type PoolField = 'name' | 'size' | 'replicas' | 'min' | 'max' | 'labels';

/** One problem of a row: the sentence, and the inputs it marks. */
export interface PoolProblem {
  fields: PoolField[];
  text: string;
}

/** The problems of every row, and those of the list as a whole. */
export interface NodePoolsProblems {
  rows: PoolProblem[][];
  /** Problems of no single row (more pools than the profile allows). */
  pools: string[];
}

/**
 * Which inputs a message of the shared rules (capi-common's
 * validateNodePool, the same the backend runs) is about. The rules stay in
 * capi-common; this only reads which field each message names.
 */
function fieldsOf(message: string): PoolField[] {
  if (/^node pool name\b/.test(message)) return ['name'];
  if (/: (choose a size|unknown size)/.test(message)) return ['size'];
  if (/autoscaling min \d+ is greater than max/.test(message)) {
    return ['min', 'max'];
  }
  if (/autoscaling max \d+ exceeds/.test(message)) return ['max'];
  if (/autoscaling (min and max|is not available)/.test(message)) {
    return ['min', 'max'];
  }
  if (/: (replicas|set replicas)/.test(message)) return ['replicas'];
  if (/label/.test(message)) return ['labels'];
  return [];
}

/** `node pool "workers": replicas 500 exceeds …` → `Replicas 500 exceeds ….` (the row names the pool). */
function rowSentence(message: string): string {
  return asSentence(message.replace(/^node pool "[^"]*": /, ''));
}

/** Which inputs of one row the shared rules complain about. */
export function poolFieldProblems(
  pool: NodePoolInput,
  limits: NodePoolLimits,
): PoolProblem[] {
  return validateNodePool(pool, limits).map(message => ({
    fields: fieldsOf(message),
    text: rowSentence(message),
  }));
}

/**
 * Each problem of the pools once, on the row and inputs it is about, as a
 * sentence: the shared rules per row, a name an earlier row already has
 * (naming that row, as two rows of one name cannot be told apart by it),
 * label entries that are not `key=value`, and the profile's pool limit.
 */
export function nodePoolsProblems(
  pools: NodePoolInput[],
  limits: NodePoolLimits,
  labelProblems: readonly (readonly string[] | undefined)[] = [],
): NodePoolsProblems {
  const names = pools.map(p => p.name);
  const rows = pools.map((pool, index) => {
    const problems = poolFieldProblems(pool, limits);
    const first = names.indexOf(pool.name);
    if (pool.name && first !== index) {
      problems.unshift({
        fields: ['name'],
        text: `The name "${pool.name}" is taken by node pool ${
          first + 1
        }; each pool needs its own name.`,
      });
    }
    for (const problem of labelProblems[index] ?? []) {
      problems.push({ fields: ['labels'], text: asSentence(problem) });
    }
    return problems;
  });
  const overLimit = pools.length > limits.maxNodePools;
  return {
    rows,
    pools: overLimit
      ? [
          `${pools.length} node pools are more than this profile allows (at most ${limits.maxNodePools}); remove one.`,
        ]
      : [],
  };
}

/** Every problem as one sentence for the form's own list, naming its row. */
export function nodePoolsProblemSentences(
  problems: NodePoolsProblems,
): string[] {
  return [
    ...problems.rows.flatMap((row, index) =>
      row.map(p => `Node pool ${index + 1}: ${p.text}`),
    ),
    ...problems.pools,
  ];
}
