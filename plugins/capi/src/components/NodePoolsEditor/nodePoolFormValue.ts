/** One row of `CapiNodePoolsEditor`'s value. */
export interface NodePoolFormValue {
  name: string;
  size: string;
  replicas?: number;
  autoscaling?: { min: number; max: number };
  labels?: Record<string, string>;
}

/** Labels as typed, `key=value, key=value`, and the entries that are not. */
export function parseLabels(text: string): {
  labels?: Record<string, string>;
  problems: string[];
} {
  const labels: Record<string, string> = {};
  const problems: string[] = [];
  for (const entry of text
    .split(',')
    .map(e => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) {
      problems.push(`label "${entry}" must be written key=value`);
    } else {
      labels[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
    }
  }
  return { labels: Object.keys(labels).length ? labels : undefined, problems };
}

/** Labels as the user types them. */
export const labelsText = (labels?: Record<string, string>) =>
  Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
