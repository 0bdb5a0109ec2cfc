/**
 * One stored object. The object itself is kept only as its JSON text: that
 * keeps ~60,000 Machines small in memory and makes list responses a join of
 * strings. Entries are updated in place so sorted key arrays stay valid.
 */
export interface StoredEntry {
  readonly key: string;
  readonly name: string;
  readonly namespace: string | undefined;
  rv: number;
  labels: Record<string, string> | undefined;
  /** uids of the owners in metadata.ownerReferences, for garbage collection. */
  owners: string[] | undefined;
  json: string;
}

/** The key entries are stored and sorted by: namespace, then name. */
export function entryKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** The entries of a key-sorted array, optionally one namespace's, after a key. */
export function entriesInKeyRange(
  sorted: StoredEntry[],
  namespace?: string,
  afterKey?: string,
): StoredEntry[] {
  const prefix = namespace !== undefined ? `${namespace}/` : '';
  let from = prefix ? lowerBound(sorted, prefix) : 0;
  if (afterKey !== undefined) {
    from = Math.max(from, upperBound(sorted, afterKey));
  }
  let to = sorted.length;
  if (prefix) {
    to = lowerBound(sorted, `${namespace}0`); // '0' sorts right after '/'
  }
  return sorted.slice(from, Math.max(from, to));
}

function lowerBound(sorted: StoredEntry[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: StoredEntry[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].key <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
