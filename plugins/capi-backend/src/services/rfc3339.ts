/** `2026-01-31T12:00:00Z`, `2026-01-31T12:00:00.123+02:00` (RFC 3339 date-time). */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** Largest time a JavaScript Date can hold, in ms since the epoch. */
const MAX_DATE_MS = 8.64e15;

/**
 * Parses an RFC 3339 date-time to milliseconds since the epoch. Anything
 * else (a bare number, a date without time or offset, `Date.parse`
 * leniencies, impossible dates such as February 30th) is undefined.
 *
 * @public
 */
export function parseRfc3339(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const match = RFC3339.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) {
    return undefined;
  }
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const daysInMonth = [
    31,
    leap ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  if (d > daysInMonth[mo - 1]) return undefined;
  const ms = Date.parse(value.trim().replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * `new Date(ms).toISOString()` for times a Date can hold; undefined
 * otherwise, where `toISOString` would throw a RangeError.
 *
 * @public
 */
export function safeIsoString(ms: number): string | undefined {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS
    ? new Date(ms).toISOString()
    : undefined;
}
