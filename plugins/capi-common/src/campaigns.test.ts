import {
  addCampaignMachineCounts,
  campaignMachineCounts,
  noCampaignMachines,
} from './campaigns';

const START = Date.parse('2026-11-29T08:00:00Z');
const at = (hours: number) => new Date(START + hours * 3_600_000).toISOString();

describe('campaignMachineCounts', () => {
  it('counts machines patched at or after the start, and skips machines still provisioning', () => {
    expect(
      campaignMachineCounts(
        [
          {
            nodeName: 'n1',
            patch: { state: 'up-to-date', lastPatched: at(2) },
          },
          {
            nodeName: 'n2',
            patch: { state: 'up-to-date', lastPatched: at(0) },
          },
          { nodeName: 'n3', patch: { state: 'pending', lastPatched: at(-5) } },
          { nodeName: 'n4', patch: { state: 'overdue' } },
          // No node and no patch state yet: nothing to patch.
          { patch: { state: 'unknown' } },
          // A node that reports nothing counts, unpatched.
          { nodeName: 'n6', patch: { state: 'unknown' } },
          {
            nodeName: 'n7',
            patch: { state: 'up-to-date', lastPatched: 'soon' },
          },
        ],
        START,
      ),
    ).toEqual({
      machines: 6,
      patched: 2,
      // The four not patched since the start, by their state now: n2 was
      // patched before it.
      unpatchedByState: {
        'up-to-date': 1,
        pending: 1,
        overdue: 1,
        unknown: 1,
      },
    });
  });

  it('adds up: patched plus the unpatched of every state is every machine', () => {
    const a = campaignMachineCounts(
      [{ nodeName: 'n1', patch: { state: 'pending', lastPatched: at(-1) } }],
      START,
    );
    const b = campaignMachineCounts(
      [
        { nodeName: 'n2', patch: { state: 'up-to-date', lastPatched: at(1) } },
        { nodeName: 'n3', patch: { state: 'up-to-date', lastPatched: at(-1) } },
      ],
      START,
    );
    const total = addCampaignMachineCounts(
      addCampaignMachineCounts(noCampaignMachines(), a),
      b,
    );
    expect(total).toEqual({
      machines: 3,
      patched: 1,
      unpatchedByState: { 'up-to-date': 1, pending: 1, overdue: 0, unknown: 0 },
    });
  });

  it('is nothing of nothing', () => {
    expect(campaignMachineCounts([], START)).toEqual(noCampaignMachines());
  });
});
