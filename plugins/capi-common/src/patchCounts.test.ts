import {
  addPatchCounts,
  emptyPatchSummary,
  summarisePatchStates,
  sumPatchSummaries,
} from './patchCounts';
import { formatPercent, percentOf } from './patchCompliance';
import type { PatchState } from './types';

const state = (
  s: PatchState['state'],
  rebootRequired = false,
): Pick<PatchState, 'state' | 'rebootRequired'> => ({
  state: s,
  rebootRequired,
});

describe('summarisePatchStates', () => {
  it('counts every machine once, in exactly one state, with reboots beside', () => {
    const counts = summarisePatchStates([
      state('up-to-date'),
      state('up-to-date', true),
      state('pending'),
      state('overdue', true),
      state('unknown'),
    ]);
    expect(counts).toEqual({
      total: 5,
      upToDate: 2,
      pending: 1,
      overdue: 1,
      unknown: 1,
      rebootRequired: 2,
      compliance: 3 / 5,
    });
  });

  it('gives compliance 1 and total 0 without machines', () => {
    expect(summarisePatchStates([])).toEqual(emptyPatchSummary());
  });
});

describe('sumPatchSummaries', () => {
  it('adds clusters up to the same counts as their machines counted together', () => {
    const a = [state('up-to-date'), state('pending', true)];
    const b = [state('overdue'), state('unknown'), state('up-to-date')];
    expect(
      sumPatchSummaries([summarisePatchStates(a), summarisePatchStates(b)]),
    ).toEqual(summarisePatchStates([...a, ...b]));
  });

  it('adds counts without a compliance share (stored snapshots)', () => {
    const { compliance: _, ...counts } = emptyPatchSummary();
    addPatchCounts(counts, summarisePatchStates([state('pending')]));
    expect(counts).toMatchObject({ total: 1, pending: 1 });
  });
});

describe('percentOf and formatPercent', () => {
  it('shows one decimal, rounded down, so a share below 1 never reads 100%', () => {
    expect(formatPercent(968 / 1000)).toBe('96.8%');
    expect(formatPercent(1999 / 2000)).toBe('99.9%');
    expect(formatPercent(2 / 3)).toBe('66.6%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('is not thrown off by floating point (0.29 is 29%, not 28.9%)', () => {
    expect(percentOf(0.29)).toBe(29);
    expect(percentOf(0.57)).toBe(57);
    expect(percentOf(Number.NaN)).toBe(0);
  });
});
