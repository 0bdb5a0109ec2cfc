import { SharedValues, stringMap } from './read';

describe('SharedValues', () => {
  it('shares one value per key, keeps values in use across generations and lets unused ones go', () => {
    const pool = new SharedValues<{ n: number }>(2);
    const a = { n: 1 };
    expect(pool.share('a', a)).toBe(a);
    expect(pool.share('a', { n: 2 })).toBe(a);
    pool.share('b', { n: 3 });
    // The recent generation is full: 'c' starts a new one, 'a' and 'b' are older.
    pool.share('c', { n: 4 });
    // Seen again: still shared, and carried into the recent generation.
    expect(pool.share('a', { n: 5 })).toBe(a);
    pool.share('d', { n: 6 });
    // 'b' was not seen for a whole generation: a new value is taken.
    const b = { n: 7 };
    expect(pool.share('b', b)).toBe(b);
  });
});

describe('stringMap', () => {
  it('keeps the string entries whose keys pass the filter, and one shared empty map otherwise', () => {
    expect(
      stringMap({ pool: 'cluster-payments-eu-md-0', other: 'x', n: 1 }, k =>
        ['pool', 'n'].includes(k),
      ),
    ).toEqual({ pool: 'cluster-payments-eu-md-0' });
    expect(stringMap({ n: 1 })).toBe(stringMap(undefined));
  });
});
