import {
  checkUpgrade,
  compareKubernetesVersions,
  normalizeKubernetesVersion,
  upgradeOptions,
} from './versions';

const allowed = ['v1.31.9', 'v1.32.6', 'v1.33.2', 'v1.34.1'];

describe('Kubernetes versions', () => {
  it('orders and normalises versions', () => {
    expect(
      ['v1.33.2', '1.31.9', 'v1.34.1', 'v1.33.10'].sort(
        compareKubernetesVersions,
      ),
    ).toEqual(['1.31.9', 'v1.33.2', 'v1.33.10', 'v1.34.1']);
    expect(normalizeKubernetesVersion('1.33.2')).toBe('v1.33.2');
  });

  it('allows only the next minor version the profile lists', () => {
    expect(checkUpgrade('v1.32.6', 'v1.33.2', allowed)).toBeUndefined();
    expect(checkUpgrade('v1.32.6', 'v1.34.1', allowed)).toMatch(
      /skips a minor version; upgrade to v1.33.x first/,
    );
    expect(checkUpgrade('v1.33.2', 'v1.32.6', allowed)).toMatch(/downgrade/);
    expect(checkUpgrade('v1.33.2', 'v1.33.2', allowed)).toMatch(/already runs/);
    expect(checkUpgrade('v1.33.2', 'v1.34.0', allowed)).toMatch(
      /not allowed by the cluster's profile/,
    );
    expect(checkUpgrade('v1.33.2', 'latest', allowed)).toMatch(
      /not a Kubernetes version/,
    );
  });

  it('lists upgrade options, including patch releases of the same minor', () => {
    expect(upgradeOptions('v1.33.2', [...allowed, 'v1.33.5'])).toEqual([
      'v1.33.5',
      'v1.34.1',
    ]);
    expect(upgradeOptions('v1.34.1', allowed)).toEqual([]);
    expect(upgradeOptions(undefined, allowed)).toEqual([]);
  });
});
