import { upgradeButtonLabel } from './upgradeButtonLabel';

describe('upgradeButtonLabel', () => {
  it("offers a classic cluster's pools the version its control plane runs as a second step", () => {
    expect(upgradeButtonLabel({ desiredVersion: 'v1.33.4' }, 'v1.33.4')).toBe(
      'Upgrade node pools to v1.33.4',
    );
    expect(upgradeButtonLabel({ desiredVersion: 'v1.33.4' }, 'v1.34.1')).toBe(
      'Upgrade to v1.34.1',
    );
  });

  it('names the plan of a chained upgrade and never offers a pools step to ClusterClass clusters', () => {
    expect(
      upgradeButtonLabel(
        {
          clusterClass: 'standard',
          desiredVersion: 'v1.33.4',
          upgrade: { plans: { 'v1.35.0': ['v1.34.1', 'v1.35.0'] } },
        },
        'v1.35.0',
      ),
    ).toBe('Upgrade to v1.35.0 (via v1.34.1 → v1.35.0)');
    expect(
      upgradeButtonLabel(
        { clusterClass: 'standard', desiredVersion: 'v1.33.4' },
        'v1.33.4',
      ),
    ).toBe('Upgrade to v1.33.4');
  });
});
