import {
  formatDuration,
  formatRelative,
  formatTimeOfDay,
  formatTimestamp,
} from './time';

describe('time formatting', () => {
  it('rounds without showing 60 minutes or 24 hours', () => {
    expect(formatDuration(24 * 3600_000 - 10_000)).toBe('1 d');
    expect(formatDuration(3600_000 - 10_000)).toBe('1 h');
    expect(formatDuration(2 * 3600_000 - 20_000)).toBe('2 h');
    expect(formatDuration(30 * 3600_000)).toBe('1 d 6 h');
    expect(formatDuration(45_000)).toBe('45 s');
  });

  it('says ago or in', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(formatRelative('2026-11-25T10:00:00Z', now)).toBe('2 h ago');
    expect(formatRelative('2026-11-27T12:00:00Z', now)).toBe('in 2 d');
    expect(formatRelative(undefined, now)).toBe('—');
  });

  it('formats absolute times in UTC', () => {
    expect(formatTimestamp('2026-11-25T10:03:59Z')).toBe(
      '2026-11-25 10:03 UTC',
    );
  });

  it('gives the time of day on the 24-hour UTC clock, whatever the locale', () => {
    expect(formatTimeOfDay('2026-12-01T17:12:06.400Z')).toBe('17:12:06 UTC');
    expect(formatTimeOfDay(Date.parse('2026-12-01T05:31:02Z'))).toBe(
      '05:31:02 UTC',
    );
    expect(formatTimeOfDay('yesterday')).toBe('');
    expect(formatTimeOfDay(undefined)).toBe('');
  });
});
