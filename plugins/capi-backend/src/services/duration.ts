import { InputError } from '@backstage/errors';

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a duration like `48h`, `90m`, `2d`, `1h30m` or ISO 8601 `PT48H`
 * into milliseconds. Throws an InputError naming the config key.
 */
export function parseDuration(value: string, key: string): number {
  const text = value.trim();
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(
    text,
  );
  if (iso && text.length > 1 && text.toUpperCase() !== 'PT') {
    const [, d, h, m, s] = iso.map(x => Number(x ?? 0));
    return ((d * 24 + h) * 60 + m) * 60_000 + s * 1000;
  }
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(pattern)) {
    total += Number(match[1]) * UNITS[match[2]];
    consumed += match[0].length;
  }
  if (consumed === 0 || consumed !== text.replace(/\s+/g, '').length) {
    throw new InputError(
      `Invalid duration "${value}" at ${key}: use e.g. 48h, 30m, 2d or PT48H`,
    );
  }
  return total;
}

/** Reads an optional duration config value, in milliseconds. */
export function readOptionalDuration(
  config: { getOptionalString(key: string): string | undefined },
  key: string,
): number | undefined {
  const value = config.getOptionalString(key);
  return value === undefined ? undefined : parseDuration(value, key);
}
