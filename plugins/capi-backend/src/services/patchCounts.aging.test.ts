import { mockServices } from '@backstage/backend-test-utils';
import {
  SIMULATED_RESOURCES as R,
  startSimulator,
  type Simulator,
  type SimulatedManagementCluster,
} from '@capstan/capi-simulator';
import {
  DEFAULT_PATCH_ANNOTATIONS,
  summarisePatchStates,
  sumPatchSummaries,
  type PatchSummary,
} from '@capstan/plugin-capi-common';
import { eventually } from '../__testUtils__/fixtures';
import { ClusterPages } from './ClusterPages';
import { createFleetCache, type FleetCache } from './FleetCache';

// Real HTTPS servers and watches on a shared 2-core machine: allow for load.
jest.setTimeout(120_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The patch counts of one cluster as every view reads them, at one moment:
 * the fleet page's row and the fleet's figures, the entity's list (card and
 * tab), the cluster's detail, and its machines counted one by one.
 */
function viewsOf(cache: FleetCache, id: string) {
  const fleet = cache.reader.fleet({ limit: 500 });
  const row = fleet.items.find(item => item.id === id)!;
  const listItem = ClusterPages.create({ reader: cache.reader }).clusters([id])
    .items[0];
  const detail = cache.reader.cluster(id)!;
  return {
    row: row.patch,
    aggregate: cache.index.getAggregate(id)!.patch,
    tab: listItem.patch,
    detail: detail.patch,
    machines: summarisePatchStates(detail.machines.map(m => m.patch)),
  };
}

/** What the policy makes of the simulator's annotations now, counted afresh. */
function expectedOf(
  cache: FleetCache,
  mc: SimulatedManagementCluster,
  clusterName: string,
  now: number,
): PatchSummary {
  const machines = mc.store
    .list(R.machines)
    .filter(
      m => m.metadata.labels?.['cluster.x-k8s.io/cluster-name'] === clusterName,
    );
  return summarisePatchStates(
    machines.map(
      m =>
        cache.policy.evaluate(
          {
            managementCluster: mc.name,
            name: m.metadata.name,
            namespace: m.metadata.namespace ?? 'default',
            clusterName,
            labels: {},
            annotations: m.metadata.annotations ?? {},
          },
          now,
        ).state,
    ),
  );
}

describe('patch counts of an hours-old fleet (fake clock)', () => {
  let sim: Simulator;
  let cache: FleetCache;
  let mc: SimulatedManagementCluster;
  let now = Date.now();

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['mc-age'],
      seedClusters: 4,
      reconcile: false,
      // Releases and windows are run by the test, on its clock.
      patchSimulation: false,
    });
    mc = sim.get('mc-age');
    cache = createFleetCache({
      managementClusters: [
        {
          name: mc.name,
          title: mc.name,
          url: mc.url,
          caData: mc.caData,
          auth: { type: 'serviceAccountToken', token: mc.readOnlyToken },
          skipTLSVerify: false,
        },
      ],
      logger: mockServices.logger.mock(),
      now: () => now,
      // The fake clock jumps days: staleness is not what this test is about.
      staleAfterMs: 365 * 24 * HOUR,
    });
    cache.start();
    const deadline = Date.now() + 30_000;
    while (cache.reader.health()[0].state !== 'synced') {
      if (Date.now() > deadline) throw new Error('the cache never synced');
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    await cache?.stop();
    await sim?.stop();
  });

  /**
   * Waits until the cache has seen the simulator's last writes, then reads
   * every view of every cluster in one go: they must all give the counts
   * the policy gives the machines' annotations now.
   */
  async function expectEveryViewToAgree(): Promise<PatchSummary> {
    const ids = [...cache.index.clusterIds()];
    expect(ids.length).toBe(4);
    await eventually(() => {
      for (const id of ids) {
        const name = id.split('/')[2];
        expect(viewsOf(cache, id).detail).toEqual(
          expectedOf(cache, mc, name, now),
        );
      }
    }, 30_000);
    const rows: PatchSummary[] = [];
    for (const id of ids) {
      const views = viewsOf(cache, id);
      expect(views.row).toEqual(views.detail);
      expect(views.aggregate).toEqual(views.detail);
      expect(views.tab).toEqual(views.detail);
      expect(views.machines).toEqual(views.detail);
      // Every machine counted once, in exactly one state.
      const d = views.detail;
      expect(d.upToDate + d.pending + d.overdue + d.unknown).toBe(d.total);
      // The control plane's row and the pools' rows add up to the cluster.
      const detail = cache.reader.cluster(id)!;
      expect(
        sumPatchSummaries([
          detail.controlPlane.patch,
          ...detail.nodePools.map(p => p.patch),
        ]),
      ).toEqual(d);
      expect(detail.controlPlane.patch.total).toBe(
        detail.machines.filter(m => m.controlPlane).length,
      );
      rows.push(views.row);
    }
    // The fleet's figures are the rows added up.
    const summary = cache.reader.fleet({ limit: 1 }).summary.patch;
    expect(summary).toEqual(sumPatchSummaries(rows));
    return summary;
  }

  it('gives the same counts on the fleet row, the tab, the detail and the fleet figures through hours of releases, patch windows and laggards turning overdue', async () => {
    const seen = new Set<string>();
    const note = (p: PatchSummary) => {
      if (p.pending > 0) seen.add('pending');
      if (p.overdue > 0) seen.add('overdue');
      if (p.upToDate > 0) seen.add('up-to-date');
      if (p.rebootRequired > 0) seen.add('reboot');
    };
    note(await expectEveryViewToAgree());
    // Three hours of the simulator's schedule: a security release every 10
    // min, its patch window 3 min later; a tenth of the machines lag.
    for (let cycle = 0; cycle < 18; cycle++) {
      mc.patch.securityRelease({ at: new Date(now) });
      note(await expectEveryViewToAgree());
      now += 3 * MINUTE;
      mc.patch.runPatchWindow({ lagShare: 0.1 });
      note(await expectEveryViewToAgree());
      now += 7 * MINUTE;
    }
    // The laggards' security updates turn overdue with no object changing:
    // only the clock moves.
    const before = cache.reader.fleet({ limit: 1 }).summary.patch;
    now += 49 * HOUR;
    const after = await expectEveryViewToAgree();
    note(after);
    expect(after.overdue).toBeGreaterThan(before.overdue);
    // And the next release and window on the aged state.
    mc.patch.securityRelease({ at: new Date(now) });
    note(await expectEveryViewToAgree());
    now += 3 * MINUTE;
    mc.patch.runPatchWindow({ lagShare: 0.1 });
    note(await expectEveryViewToAgree());
    expect([...seen].sort()).toEqual([
      'overdue',
      'pending',
      'reboot',
      'up-to-date',
    ]);
    // The simulator annotates what the test relies on.
    const annotated = mc.store
      .list(R.machines)
      .some(
        m => m.metadata.annotations?.[DEFAULT_PATCH_ANNOTATIONS.lastPatched],
      );
    expect(annotated).toBe(true);
  });
});
