/** A node pool as the new-cluster and add-node-pool forms hold it. */
export interface NodePoolSketch {
  name?: string;
  size?: string;
  replicas?: number;
  autoscaling?: { min?: number; max?: number };
  labels?: Record<string, string>;
}

function machines(n: number): string {
  return `${n} ${n === 1 ? 'machine' : 'machines'}`;
}

/**
 * One node pool in words, for the Review step: "general: 3 machines of size
 * Medium (4 CPU, 16 GiB)", "gpu: 1 to 4 machines (autoscaled) of size Large".
 */
export function nodePoolSentence(
  pool: NodePoolSketch,
  sizeTitles: Record<string, string> = {},
): string {
  const size = pool.size
    ? `of size ${sizeTitles[pool.size] ?? pool.size}`
    : 'with no size chosen';
  const { min, max } = pool.autoscaling ?? {};
  const count =
    min !== undefined && max !== undefined
      ? `${min} to ${machines(max)} (autoscaled)`
      : machines(pool.replicas ?? 0);
  const labels = Object.entries(pool.labels ?? {});
  const labelText = labels.length
    ? `, labels ${labels.map(([k, v]) => `${k}=${v}`).join(', ')}`
    : '';
  return `${pool.name || 'unnamed pool'}: ${count} ${size}${labelText}`;
}

/** All pools in words, one per line. */
export function nodePoolsSentence(
  pools: NodePoolSketch[] | undefined,
  sizeTitles: Record<string, string> = {},
): string | undefined {
  if (!pools?.length) return undefined;
  return pools.map(p => nodePoolSentence(p, sizeTitles)).join('; ');
}
