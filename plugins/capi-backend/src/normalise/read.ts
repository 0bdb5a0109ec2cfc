/**
 * Defensive readers for objects from an API server: anything may be missing
 * or of the wrong type, and a bad field must never throw.
 */

export type Obj = Record<string, unknown>;

export function obj(value: unknown): Obj | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Obj)
    : undefined;
}

export function at(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    const o = obj(current);
    if (!o) {
      return undefined;
    }
    current = o[key];
  }
  return current;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * A bounded pool of shared values by key, in two generations: when the
 * recent one is full it becomes the older one, and values seen in neither
 * are let go. Values still in use stay shared as they are seen again, even
 * when a large fleet holds more distinct values than one generation.
 */
export class SharedValues<T> {
  readonly #max: number;
  #recent = new Map<string, T>();
  #older = new Map<string, T>();

  constructor(max: number) {
    this.#max = max;
  }

  /** The shared value for `key`, `value` when there is none yet. */
  share(key: string, value: T): T {
    const hit = this.#recent.get(key);
    if (hit !== undefined) return hit;
    const shared = this.#older.get(key) ?? value;
    if (this.#recent.size >= this.#max) {
      this.#older = this.#recent;
      this.#recent = new Map();
    }
    this.#recent.set(key, shared);
    return shared;
  }
}

// Repeated values recur close together (a cluster's objects are listed together)
// or all the time (namespaces, versions): two generations of 100,000 keep
// them shared while the pool itself stays small.
const strings = new SharedValues<string>(100_000);

/**
 * Returns one shared copy of a repeated string (namespaces, versions, OS
 * images, label values), so thousands of machines do not each hold their
 * own copy.
 */
export function intern<T extends string | undefined>(value: T): T {
  return value === undefined
    ? value
    : (strings.share(value as string, value as string) as T);
}

/**
 * A copy of a list that holds exactly its items: arrays grown by `push` or
 * `filter` keep room for ~17 items (about 130 bytes of slack each), which
 * adds up over hundreds of thousands of cached objects.
 */
export function compact<T>(items: T[]): T[] {
  return items.slice();
}

/** One shared empty map for the many objects without kept labels or annotations. */
export const EMPTY_MAP: Record<string, string> = Object.freeze({}) as Record<
  string,
  string
>;

/** Longest value that stringMap shares by default: a label value's limit. */
export const LABEL_VALUE_MAX = 63;

/**
 * String entries of a map, keeping only keys that pass the filter. Values
 * up to `internUpTo` characters are shared: label values (names of
 * clusters, pools, teams) repeat across objects; longer annotation values
 * (times, paths, ids) mostly do not, and sharing them costs more.
 */
export function stringMap(
  value: unknown,
  keep: (key: string) => boolean = () => true,
  internUpTo: number = LABEL_VALUE_MAX,
): Record<string, string> {
  const o = obj(value);
  let result: Record<string, string> | undefined;
  if (o) {
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (typeof v === 'string' && keep(key)) {
        result ??= {};
        result[key] = v.length <= internUpTo ? intern(v) : v;
      }
    }
  }
  return result ?? EMPTY_MAP;
}

/** RFC 3339 timestamps only; anything else is dropped. */
export function time(value: unknown): string | undefined {
  const s = str(value);
  return s && !Number.isNaN(Date.parse(s)) ? s : undefined;
}
