import { FIRST_BOOT_EXPECTED_MS, headlineHealthIn } from './headlineHealth';
import type { ClusterCondition } from './types';

const now = Date.parse('2026-12-01T18:00:00Z');
const notInitialised = (ageMs?: number): ClusterCondition => ({
  type: 'ControlPlaneInitialized',
  status: 'False',
  reason: 'NotInitialized',
  ...(ageMs === undefined
    ? {}
    : { lastTransitionTime: new Date(now - ageMs).toISOString() }),
});

describe('headlineHealthIn', () => {
  it('reads a first boot within its expected time as progress', () => {
    expect(headlineHealthIn(notInitialised(60_000), 'Provisioning', now)).toBe(
      'active',
    );
    expect(headlineHealthIn(notInitialised(), 'Provisioning', now)).toBe(
      'active',
    );
    for (const type of ['Initialized', 'RemoteConnectionProbe']) {
      expect(
        headlineHealthIn(
          { ...notInitialised(60_000), type },
          'Provisioning',
          now,
        ),
      ).toBe('active');
    }
  });

  it('reads infrastructure still being created as progress, a provider failure as a failure', () => {
    const infrastructure = {
      type: 'InfrastructureReady',
      status: 'False' as const,
      reason: 'NotReady',
      message: 'Infrastructure is being provisioned',
      lastTransitionTime: new Date(now - 60_000).toISOString(),
    };
    expect(headlineHealthIn(infrastructure, 'Provisioning', now)).toBe(
      'active',
    );
    expect(
      headlineHealthIn(
        { ...infrastructure, reason: 'VpcCreationFailed' },
        'Provisioning',
        now,
      ),
    ).toBe('failing');
  });

  it('reads it as a failure once the first boot takes longer than expected', () => {
    expect(
      headlineHealthIn(
        notInitialised(FIRST_BOOT_EXPECTED_MS + 1),
        'Provisioning',
        now,
      ),
    ).toBe('failing');
  });

  it('leaves other conditions and statuses as conditionHealthIn reads them', () => {
    expect(headlineHealthIn(notInitialised(60_000), 'Degraded', now)).toBe(
      'failing',
    );
    expect(
      headlineHealthIn(
        {
          type: 'InfrastructureReady',
          status: 'False',
          reason: 'VpcCreationFailed',
          lastTransitionTime: new Date(now - 60_000).toISOString(),
        },
        'Provisioning',
        now,
      ),
    ).toBe('failing');
  });
});
