import { DEFAULT_PATCH_ANNOTATIONS as A } from '@capstan/plugin-capi-common';
import { startSimulator } from '../simulator';
import { kubeRequest } from '../__testUtils__/kubeRequest';
import { Simulator } from '../types';

// Real HTTPS, git and child processes: leave room for a loaded CI machine.
jest.setTimeout(30_000);

const MACHINES = 'machines.cluster.x-k8s.io';

describe('patch simulation', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['mc-p'],
      seedClusters: 40,
      reconcile: false,
      patchSimulation: false,
    });
  });

  afterAll(() => sim.stop());

  it('makes every node pending on a security release, since the release time', () => {
    const mc = sim.get('mc-p');
    const at = new Date(Date.now() - 72 * 3600_000);
    mc.patch.securityRelease({ at });
    const machines = mc.store.list(MACHINES);
    expect(machines.length).toBeGreaterThan(100);
    for (const m of machines) {
      const a = m.metadata.annotations!;
      expect(Number(a[A.pendingSecurityUpdates])).toBeGreaterThan(0);
      expect(Number(a[A.pendingUpdates])).toBeGreaterThanOrEqual(
        Number(a[A.pendingSecurityUpdates]),
      );
      // 72 h ago, or an older still-pending release.
      expect(Date.parse(a[A.securityPendingSince])).toBeLessThanOrEqual(
        at.getTime(),
      );
    }
  });

  it('patches all but the laggards in a patch window; laggards stay overdue', () => {
    const mc = sim.get('mc-p');
    const before = Date.now();
    mc.patch.runPatchWindow({ lagShare: 0.2 });
    const machines = mc.store.list(MACHINES);
    const laggards = machines.filter(
      m => Number(m.metadata.annotations![A.pendingSecurityUpdates]) > 0,
    );
    const patched = machines.filter(
      m => m.metadata.annotations![A.pendingSecurityUpdates] === '0',
    );
    expect(laggards.length / machines.length).toBeGreaterThan(0.08);
    expect(laggards.length / machines.length).toBeLessThan(0.35);
    for (const m of laggards) {
      expect(
        Date.now() -
          Date.parse(m.metadata.annotations![A.securityPendingSince]),
      ).toBeGreaterThan(48 * 3600_000);
    }
    for (const m of patched) {
      const a = m.metadata.annotations!;
      expect(a[A.securityPendingSince]).toBeUndefined();
      expect(a[A.pendingUpdates]).toBe('0');
      expect(Date.parse(a[A.lastPatched])).toBeGreaterThanOrEqual(
        Math.floor(before / 1000) * 1000,
      );
    }
    expect(
      patched.some(m => m.metadata.annotations![A.rebootRequired] === 'true'),
    ).toBe(true);

    mc.patch.runPatchWindow({ lagShare: 0 });
    expect(
      mc.store
        .list(MACHINES)
        .every(m => m.metadata.annotations![A.pendingSecurityUpdates] === '0'),
    ).toBe(true);
  });

  it('triggers releases and windows through the control endpoint, with the full token only', async () => {
    const mc = sim.get('mc-p');
    const denied = await kubeRequest(
      mc,
      'POST',
      '/_simulator/patch/security-release',
      { token: mc.readOnlyToken, body: {} },
    );
    expect(denied.status).toBe(403);
    const bad = await kubeRequest(
      mc,
      'POST',
      '/_simulator/patch/security-release',
      { body: { at: 'yesterday' } },
    );
    expect(bad.status).toBe(400);
    const ok = await kubeRequest(
      mc,
      'POST',
      '/_simulator/patch/security-release',
      { body: { at: '2026-01-01T00:00:00Z' } },
    );
    expect(ok.status).toBe(200);
    const machine = mc.store.list(MACHINES)[0];
    expect(machine.metadata.annotations![A.securityPendingSince]).toBe(
      '2026-01-01T00:00:00Z',
    );
    expect(
      (
        await kubeRequest(mc, 'POST', '/_simulator/patch/window', {
          body: { lagShare: 0 },
        })
      ).status,
    ).toBe(200);
    expect(
      mc.store.list(MACHINES)[0].metadata.annotations![A.securityPendingSince],
    ).toBeUndefined();
  });
});
