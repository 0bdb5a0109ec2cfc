import { parseRfc3339, safeIsoString } from './rfc3339';

describe('parseRfc3339', () => {
  it('parses RFC 3339 date-times with Z or an offset and fractions', () => {
    expect(parseRfc3339('2026-11-25T12:00:00Z')).toBe(
      Date.UTC(2026, 10, 25, 12),
    );
    expect(parseRfc3339('2026-11-25T14:00:00.5+02:00')).toBe(
      Date.UTC(2026, 10, 25, 12, 0, 0, 500),
    );
    expect(parseRfc3339('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('refuses everything else', () => {
    for (const value of [
      undefined,
      '',
      42,
      '1764072000',
      '+275760-09-13T00:00:00.000Z',
      '2026-11-25',
      '2026-11-25T12:00:00',
      '2026-13-01T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2026-11-25T24:00:00Z',
      'Wed, 25 Nov 2026 12:00:00 GMT',
      `2026-11-25T12:00:00.${'1'.repeat(100)}Z`,
    ]) {
      expect(parseRfc3339(value)).toBeUndefined();
    }
  });
});

describe('safeIsoString', () => {
  it('formats representable times and refuses the rest instead of throwing', () => {
    expect(safeIsoString(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(safeIsoString(8.64e15 + 1)).toBeUndefined();
    expect(safeIsoString(Number.NaN)).toBeUndefined();
    expect(safeIsoString(Infinity)).toBeUndefined();
  });
});
