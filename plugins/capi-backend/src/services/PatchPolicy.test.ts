import { ConfigReader } from '@backstage/config';
import type { PatchStateMachine } from '@capstan/plugin-capi-node';
import {
  AnnotationPatchStateProvider,
  readPatchAnnotationKeys,
} from './AnnotationPatchStateProvider';
import { PatchPolicy, summarisePatch } from './PatchPolicy';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-25T12:00:00Z');
const iso = (hoursAgo: number) => new Date(NOW - hoursAgo * HOUR).toISOString();

function machineWith(annotations: Record<string, string>): PatchStateMachine {
  return {
    managementCluster: 'mc',
    namespace: 'ns',
    name: 'm',
    clusterName: 'c',
    labels: {},
    annotations,
  };
}

describe('PatchPolicy with the annotation provider', () => {
  const provider = new AnnotationPatchStateProvider(
    readPatchAnnotationKeys(new ConfigReader({})),
  );
  const policy = PatchPolicy.fromConfig(
    new ConfigReader({
      capi: {
        patch: {
          policy: { securityOverdueAfter: '48h', updatesOverdueAfter: '30d' },
        },
      },
    }),
    [provider],
  );
  const judge = (a: Record<string, string>) =>
    policy.evaluate(machineWith(a), NOW);

  it('is unknown without any report', () => {
    expect(judge({}).state).toEqual({
      state: 'unknown',
      rebootRequired: false,
    });
  });

  it('is up to date when nothing is pending', () => {
    expect(
      judge({
        'capstan.dev/patch-last-patched': iso(2),
        'capstan.dev/patch-pending-updates': '0',
      }).state,
    ).toMatchObject({
      state: 'up-to-date',
      lastPatched: iso(2),
      source: 'annotations',
    });
  });

  it('is pending until security updates are older than the policy allows, then overdue', () => {
    const pending = judge({
      'capstan.dev/patch-pending-security-updates': '2',
      'capstan.dev/patch-security-pending-since': iso(47),
    });
    expect(pending.state).toMatchObject({
      state: 'pending',
      pendingSecurityUpdates: 2,
      dueBy: iso(-1),
    });
    // The judgement expires when the updates turn overdue, so caches rebuild then.
    expect(pending.validUntil).toBe(NOW + HOUR);
    const overdue = judge({
      'capstan.dev/patch-pending-security-updates': '2',
      'capstan.dev/patch-security-pending-since': iso(49),
      'capstan.dev/patch-reboot-required': 'true',
    });
    expect(overdue.state).toMatchObject({
      state: 'overdue',
      rebootRequired: true,
    });
    expect(overdue.validUntil).toBe(Infinity);
  });

  it('judges other pending updates against updatesOverdueAfter', () => {
    expect(
      judge({
        'capstan.dev/patch-pending-updates': '5',
        'capstan.dev/patch-last-patched': iso(24),
      }).state.state,
    ).toBe('pending');
    expect(
      judge({
        'capstan.dev/patch-pending-updates': '5',
        'capstan.dev/patch-last-patched': iso(31 * 24),
      }).state.state,
    ).toBe('overdue');
  });

  it('ignores malformed annotation values', () => {
    expect(
      judge({
        'capstan.dev/patch-pending-security-updates': 'lots',
        'capstan.dev/patch-last-patched': 'yesterday',
      }).state.state,
    ).toBe('unknown');
  });

  it('does not throw for a pending-since date outside what a Date can hold, and calls it unknown', () => {
    for (const since of [
      '+275760-09-13T00:00:00.000Z',
      '275760-09-13T00:00:00Z',
      '9999999-01-01T00:00:00Z',
      '-271821-04-20T00:00:00Z',
    ]) {
      const result = judge({
        'capstan.dev/patch-pending-security-updates': '2',
        'capstan.dev/patch-security-pending-since': since,
      });
      expect(result.state.state).toBe('unknown');
      expect(result.state.securityPendingSince).toBeUndefined();
      expect(result.state.dueBy).toBeUndefined();
    }
  });

  it('accepts only RFC 3339: a bare number or a loose date is no time', () => {
    for (const since of [
      '1764072000',
      '1764072000000',
      '2026-11-20',
      'Nov 20 2026',
      '2026-11-20T10:00:00',
      '2026-02-30T10:00:00Z',
    ]) {
      const result = judge({
        'capstan.dev/patch-pending-security-updates': '2',
        'capstan.dev/patch-security-pending-since': since,
        'capstan.dev/patch-last-patched': since,
      });
      expect(result.state.state).toBe('unknown');
      expect(result.state.lastPatched).toBeUndefined();
    }
    expect(
      judge({
        'capstan.dev/patch-pending-security-updates': '2',
        'capstan.dev/patch-security-pending-since': '2026-11-25T09:00:00+02:00',
      }).state.state,
    ).toBe('pending');
  });

  it('calls pending security updates without a "pending since" unknown, and counts them', () => {
    const result = judge({ 'capstan.dev/patch-pending-security-updates': '3' });
    expect(result.state).toMatchObject({
      state: 'unknown',
      pendingSecurityUpdates: 3,
    });
    expect(result.validUntil).toBe(Infinity);
    expect(summarisePatch([result.state])).toMatchObject({
      unknown: 1,
      pending: 0,
      compliance: 0,
    });
  });

  it('does not throw when a provider reports a time near the end of representable time', () => {
    const extreme = new PatchPolicy({
      securityOverdueAfterMs: 48 * HOUR,
      updatesOverdueAfterMs: 30 * 24 * HOUR,
      providers: [
        {
          name: 'plugin',
          getPatchState: () => ({
            pendingSecurityUpdates: 1,
            securityPendingSince: '9999-12-31T23:59:59Z',
          }),
        },
      ],
    });
    expect(() => extreme.evaluate(machineWith({}), NOW)).not.toThrow();
    const custom = new PatchPolicy({
      securityOverdueAfterMs: 8.64e15,
      providers: [
        {
          name: 'plugin',
          getPatchState: () => ({
            pendingSecurityUpdates: 1,
            securityPendingSince: '2026-11-20T00:00:00Z',
          }),
        },
      ],
    });
    expect(custom.evaluate(machineWith({}), NOW).state.state).toBe('unknown');
  });

  it('lets later providers override earlier ones and survives a throwing provider', () => {
    const layered = new PatchPolicy({
      securityOverdueAfterMs: 48 * HOUR,
      providers: [
        provider,
        {
          name: 'broken',
          getPatchState: () => {
            throw new Error('down');
          },
        },
        {
          name: 'patchsys',
          getPatchState: m =>
            m.name === 'm'
              ? { pendingSecurityUpdates: 0, pendingUpdates: 0 }
              : undefined,
        },
      ],
    });
    const result = layered.evaluate(
      machineWith({
        'capstan.dev/patch-pending-security-updates': '4',
        'capstan.dev/patch-security-pending-since': iso(100),
      }),
      NOW,
    );
    expect(result.state).toMatchObject({
      state: 'up-to-date',
      source: 'annotations,patchsys',
    });
  });

  it('uses configured annotation keys and prefix', () => {
    const keys = readPatchAnnotationKeys(
      new ConfigReader({
        capi: {
          patch: {
            annotations: {
              prefix: 'patch.acme.com/',
              rebootRequired: 'acme.com/reboot',
            },
          },
        },
      }),
    );
    expect(keys).toEqual({
      lastPatched: 'patch.acme.com/patch-last-patched',
      pendingUpdates: 'patch.acme.com/patch-pending-updates',
      pendingSecurityUpdates: 'patch.acme.com/patch-pending-security-updates',
      securityPendingSince: 'patch.acme.com/patch-security-pending-since',
      rebootRequired: 'acme.com/reboot',
    });
    const custom = new AnnotationPatchStateProvider(keys);
    expect(
      custom.getPatchState(
        machineWith({
          'acme.com/reboot': 'true',
          'patch.acme.com/patch-pending-updates': '1',
        }),
      ),
    ).toEqual({
      rebootRequired: true,
      pendingUpdates: 1,
    });
    expect(custom.isPatchAnnotation('acme.com/reboot')).toBe(true);
    expect(custom.isPatchAnnotation('capstan.dev/patch-reboot-required')).toBe(
      false,
    );
  });

  it('rejects a bad duration naming the key', () => {
    expect(() =>
      PatchPolicy.fromConfig(
        new ConfigReader({
          capi: { patch: { policy: { securityOverdueAfter: 'two days' } } },
        }),
        [],
      ),
    ).toThrow(
      'Invalid duration "two days" at capi.patch.policy.securityOverdueAfter',
    );
  });
});

describe('summarisePatch', () => {
  it('counts states and compliance', () => {
    expect(
      summarisePatch([
        { state: 'up-to-date', rebootRequired: false },
        { state: 'pending', rebootRequired: true },
        { state: 'overdue', rebootRequired: false },
        { state: 'unknown', rebootRequired: false },
      ]),
    ).toEqual({
      total: 4,
      upToDate: 1,
      pending: 1,
      overdue: 1,
      unknown: 1,
      rebootRequired: 1,
      compliance: 0.5,
    });
    expect(summarisePatch([]).compliance).toBe(1);
  });
});
