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

const interned = new Map<string, string>();
const MAX_INTERNED = 200_000;

/**
 * Returns one shared copy of a repeated string (namespaces, versions, OS
 * images, label values), so thousands of machines do not each hold their
 * own copy. The pool is bounded; when full it starts over, which only costs
 * some sharing.
 */
export function intern<T extends string | undefined>(value: T): T {
  if (value === undefined) return value;
  const existing = interned.get(value as string);
  if (existing !== undefined) return existing as T;
  if (interned.size >= MAX_INTERNED) interned.clear();
  interned.set(value as string, value as string);
  return value;
}

/** One shared empty map for the many objects without kept labels or annotations. */
export const EMPTY_MAP: Record<string, string> = Object.freeze({}) as Record<
  string,
  string
>;

/** String entries of a map, keeping only keys that pass the filter. */
export function stringMap(
  value: unknown,
  keep: (key: string) => boolean = () => true,
): Record<string, string> {
  const o = obj(value);
  let result: Record<string, string> | undefined;
  if (o) {
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (typeof v === 'string' && keep(key)) {
        result ??= {};
        // Short values (counts, flags, team names) repeat across objects;
        // longer ones (times, ids) mostly do not, and interning them costs more.
        result[key] = v.length <= 16 ? intern(v) : v;
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
