const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A short human duration such as `3 h 20 min`, `2 d 4 h` or `45 s`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return `${Math.round(abs / 1000)} s`;
  if (abs < HOUR) return `${Math.round(abs / MINUTE)} min`;
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.round((abs % HOUR) / MINUTE);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(abs / DAY);
  const h = Math.round((abs % DAY) / HOUR);
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** `3 h ago` / `in 2 d`; `—` when unknown. */
export function formatRelative(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const diff = t - now;
  return diff <= 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(diff)}`;
}

/** A stable, locale-independent absolute time for tooltips: `2026-11-25 10:03 UTC`. */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
