import { startSimulator, type Simulator } from '@capstan/capi-simulator';
import { CLUSTERS, MACHINES } from './fleet';
import { FleetMutator, truthOf } from './soakFleet';

describe('soak fleet helpers', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: 2,
      seedClusters: 6,
      reconcile: false,
      patchSimulation: false,
    });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('reads every Cluster with its own Machines from the stores', () => {
    const truth = truthOf(sim);
    const clusters = sim.managementClusters.flatMap(mc =>
      mc.store.list(CLUSTERS),
    );
    const machines = sim.managementClusters.flatMap(mc =>
      mc.store.list(MACHINES),
    );
    expect(truth).toHaveLength(clusters.length);
    expect(truth.reduce((n, c) => n + c.machines.length, 0)).toBe(
      machines.length,
    );
    for (const cluster of truth) {
      const [, , name] = cluster.id.split('/');
      expect(cluster.machines.length).toBeGreaterThan(0);
      expect(cluster.machines.every(m => m.name.startsWith(name))).toBe(true);
    }
  });

  it('changes the fleet, and re-creates every deleted cluster as it was', () => {
    const before = truthOf(sim).map(c => [
      c.id,
      c.machines.map(m => m.name).sort(),
    ]);
    const mutator = new FleetMutator(sim, 3);
    for (let i = 0; i < 200; i++) {
      mutator.step(0);
    }
    expect(mutator.counts.phases + mutator.counts.kernels).toBeGreaterThan(20);
    expect(mutator.counts.deletes).toBeGreaterThan(0);
    expect(truthOf(sim).length).toBeLessThan(before.length);

    mutator.restoreDue(0, true);
    expect(mutator.counts.restores).toBe(mutator.counts.deletes);
    const after = truthOf(sim).map(c => [
      c.id,
      c.machines.map(m => m.name).sort(),
    ]);
    expect(new Set(after.map(a => JSON.stringify(a)))).toEqual(
      new Set(before.map(b => JSON.stringify(b))),
    );
  });
});
