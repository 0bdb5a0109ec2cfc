import { versionInRollout } from './rolloutVersion';

describe('versionInRollout', () => {
  it('is the spec version once every machine runs it', () => {
    expect(
      versionInRollout({
        version: 'v1.34.1',
        versions: [{ version: 'v1.34.1', replicas: 3 }],
      }),
    ).toBe('v1.34.1');
    expect(versionInRollout({ version: '1.34.1' })).toBe('v1.34.1');
  });

  it('says where a rollout comes from while a machine still runs the old version', () => {
    // A control plane surge: 3 new machines, 1 old one.
    expect(
      versionInRollout({
        version: 'v1.34.1',
        versions: [
          { version: 'v1.34.1', replicas: 3 },
          { version: 'v1.33.2', replicas: 1 },
        ],
      }),
    ).toBe('v1.33.2 → v1.34.1');
    // Not started yet: every machine on the old version.
    expect(
      versionInRollout({
        version: 'v1.34.1',
        versions: [{ version: 'v1.33.2', replicas: 2 }],
      }),
    ).toBe('v1.33.2 → v1.34.1');
  });

  it('comes from the lowest version running', () => {
    expect(
      versionInRollout({
        version: 'v1.34.1',
        versions: [
          { version: 'v1.33.2', replicas: 1 },
          { version: 'v1.32.6', replicas: 1 },
          { version: 'v1.34.1', replicas: 1 },
          { version: 'v1.31.0', replicas: 0 },
        ],
      }),
    ).toBe('v1.32.6 → v1.34.1');
  });

  it('is what runs when no spec version is known, and nothing when nothing is', () => {
    expect(
      versionInRollout({ versions: [{ version: 'v1.33.2', replicas: 2 }] }),
    ).toBe('v1.33.2');
    expect(versionInRollout({})).toBeUndefined();
  });
});
