const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A short human duration such as `3 h 20 min`, `2 d 4 h` or `45 s`. */
export function formatDuration(ms: number): string {
  // Round first, then pick the unit, so that 23 h 59.9 min reads "1 d", not "23 h 60 min".
  const abs = Math.abs(ms);
  const seconds = Math.round(abs / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(abs / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const hours = Math.round(abs / HOUR);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** `3 h ago` / `in 2 d`; `—` when unknown. */
export function formatRelative(
  iso: string | undefined,
  now = Date.now(),
): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const diff = t - now;
  return diff <= 0
    ? `${formatDuration(diff)} ago`
    : `in ${formatDuration(diff)}`;
}

/** A stable, locale-independent absolute time for tooltips: `2026-11-25 10:03 UTC`. */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The time of day on the 24-hour UTC clock, `17:31:02 UTC`, like every other
 * time Capstan shows (never the browser's locale, e.g. `05:31:02 PM`);
 * accepts an ISO string or epoch milliseconds; '' when invalid.
 */
export function formatTimeOfDay(at: string | number | undefined): string {
  if (at === undefined) return '';
  const t = new Date(at);
  if (Number.isNaN(t.getTime())) return '';
  return `${t.toISOString().slice(11, 19)} UTC`;
}

/** One formatter for every percentage on screen (see capi-common). */
export { formatPercent } from '@capstan/plugin-capi-common';
