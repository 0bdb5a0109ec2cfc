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

/** String entries of a map, keeping only keys that pass the filter. */
export function stringMap(
  value: unknown,
  keep: (key: string) => boolean = () => true,
): Record<string, string> {
  const o = obj(value);
  const result: Record<string, string> = {};
  if (!o) {
    return result;
  }
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (typeof v === 'string' && keep(key)) {
      result[key] = v;
    }
  }
  return result;
}

/** RFC 3339 timestamps only; anything else is dropped. */
export function time(value: unknown): string | undefined {
  const s = str(value);
  return s && !Number.isNaN(Date.parse(s)) ? s : undefined;
}
