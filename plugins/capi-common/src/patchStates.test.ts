import {
  PATCH_STATE_LABELS,
  PATCH_STATE_NAMES,
  patchStateOfMachine,
} from './patchStates';
import { summarisePatchStates } from './patchCounts';
import type { PatchState } from './types';

const fresh: PatchState = {
  state: 'up-to-date',
  rebootRequired: false,
  lastPatched: '2026-12-01T17:00:00Z',
};

describe('patchStateOfMachine', () => {
  it('keeps what providers report once the machine has a node', () => {
    expect(patchStateOfMachine({ nodeName: 'n-1' }, fresh)).toBe(fresh);
  });

  it('has no patch state while the machine is provisioning, whatever it was created with', () => {
    expect(patchStateOfMachine({}, fresh)).toEqual({
      state: 'unknown',
      rebootRequired: false,
    });
    expect(
      patchStateOfMachine(
        {},
        {
          state: 'overdue',
          rebootRequired: true,
          dueBy: '2026-12-01T00:00:00Z',
        },
      ),
    ).toEqual({ state: 'unknown', rebootRequired: false });
  });

  it('makes a cluster still provisioning count against compliance, as the definition says', () => {
    // 6 machines created with fresh patch annotations, none has a node yet.
    const machines = Array.from({ length: 6 }, () =>
      patchStateOfMachine({}, fresh),
    );
    const patch = summarisePatchStates(machines);
    expect(patch).toMatchObject({ total: 6, upToDate: 0, unknown: 6 });
    expect(patch.compliance).toBe(0);
    // Two of them joined.
    const joined = summarisePatchStates([
      ...machines.slice(2),
      patchStateOfMachine({ nodeName: 'a' }, fresh),
      patchStateOfMachine({ nodeName: 'b' }, fresh),
    ]);
    expect(joined).toMatchObject({ total: 6, upToDate: 2, unknown: 4 });
  });
});

describe('patch state labels', () => {
  it('names every state once, in words', () => {
    expect(PATCH_STATE_NAMES.map(s => PATCH_STATE_LABELS[s])).toEqual([
      'up to date',
      'pending',
      'overdue',
      'unknown',
    ]);
  });
});
