import { patchCampaignProgress } from './patchCampaign';
import {
  allClusters,
  degradedCluster,
  hoursAgo,
  FIXTURE_NOW,
} from '../../__fixtures__/fleet';

describe('patchCampaignProgress', () => {
  const policy = { securityOverdueAfterHours: 48 };

  it('counts machines patched since the campaign start and the time left to the SLA', () => {
    const since = new Date(hoursAgo(24));
    const progress = patchCampaignProgress(
      allClusters,
      since,
      policy,
      FIXTURE_NOW,
    );
    // Fixture machines: up-to-date ones were patched 20 h ago; pending ones 30 h ago,
    // overdue ones 9 days ago; provisioning machines have no node and are skipped.
    const withNode = allClusters
      .flatMap(c => c.machines)
      .filter(m => m.nodeName);
    const patchedRecently = withNode.filter(
      m => m.patch.lastPatched === hoursAgo(20),
    );
    expect(progress.machines).toBe(withNode.length);
    expect(progress.patched).toBe(patchedRecently.length);
    expect(progress.share).toBeCloseTo(
      patchedRecently.length / withNode.length,
    );
    expect(progress.timeLeftMs).toBe(24 * 3600_000);
    expect(progress.deadline).toBe(
      new Date(FIXTURE_NOW + 24 * 3600_000).toISOString(),
    );
    expect(progress.remainingByCluster[0]).toMatchObject({
      cluster: 'checkout-prod',
      remaining: 3,
    });
  });

  it('reports a campaign past its SLA with negative time left', () => {
    const progress = patchCampaignProgress(
      [degradedCluster],
      new Date(hoursAgo(72)),
      policy,
      FIXTURE_NOW,
    );
    expect(progress.timeLeftMs).toBe(-24 * 3600_000);
  });

  it('is 0% of nothing for an empty fleet', () => {
    const progress = patchCampaignProgress(
      [],
      new Date(FIXTURE_NOW),
      policy,
      FIXTURE_NOW,
    );
    expect(progress).toMatchObject({ machines: 0, patched: 0, share: 0 });
  });
});
