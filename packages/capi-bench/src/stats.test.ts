import { measure, percentile, summarize } from './stats';
import { parseArgs } from './args';

describe('stats', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(() => percentile([], 50)).toThrow('empty');
  });

  it('summarises unsorted samples', () => {
    expect(summarize([3, 1, 2, 4])).toEqual({
      n: 4,
      p50: 2,
      p99: 4,
      mean: 2.5,
      max: 4,
    });
  });

  it('stops measuring at the iteration bound', async () => {
    let calls = 0;
    const samples = await measure(async () => calls++, {
      iterations: 5,
      maxMs: 10_000,
      warmup: 2,
    });
    expect(samples).toHaveLength(5);
    expect(calls).toBe(7);
  });

  it('stops measuring at the time bound but times at least one call', async () => {
    const samples = await measure(() => new Promise(r => setTimeout(r, 30)), {
      iterations: 1000,
      maxMs: 1,
    });
    expect(samples).toHaveLength(1);
  });
});

describe('parseArgs', () => {
  const defaults = { smoke: false, minutes: 10, out: '' };
  it('reads flags, numbers and strings', () => {
    expect(
      parseArgs(['--smoke', '--minutes', '12', '--out=x.json'], defaults),
    ).toEqual({ smoke: true, minutes: 12, out: 'x.json' });
  });
  it('rejects unknown options and bad numbers', () => {
    expect(() => parseArgs(['--minuts', '3'], defaults)).toThrow(
      'Unknown option --minuts',
    );
    expect(() => parseArgs(['--minutes', 'ten'], defaults)).toThrow(
      'positive number',
    );
  });
});
