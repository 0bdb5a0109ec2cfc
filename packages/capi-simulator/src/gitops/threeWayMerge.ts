export type Json = Record<string, unknown>;

/*
 * JSON merge patches (RFC 7386) for the sync's three-way merge: the patch
 * between the last applied manifest and the new one is applied to the live
 * object, so fields controllers set survive, like client-side apply.
 */

/** A JSON object (not an array, not null). */
export const isObj = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON merge patch that turns `from` into `to`. */
export function createMergePatch(from: unknown, to: unknown): unknown {
  if (!isObj(from) || !isObj(to)) return to;
  const patch: Json = {};
  for (const [key, value] of Object.entries(to)) {
    if (!(key in from)) patch[key] = value;
    else if (JSON.stringify(from[key]) !== JSON.stringify(value)) {
      patch[key] =
        isObj(from[key]) && isObj(value)
          ? createMergePatch(from[key], value)
          : value;
    }
  }
  for (const key of Object.keys(from)) {
    if (!(key in to)) patch[key] = null;
  }
  return patch;
}

/** Applies a JSON merge patch to a copy of `target`. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return patch;
  const result: Json = isObj(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}
