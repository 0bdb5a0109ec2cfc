import type { PatchState } from '@capstan/plugin-capi-common';
import { normaliseCluster, normaliseMachine } from '../normalise';
import { cluster, machine } from '../__testUtils__/fixtures';
import { FleetIndex } from './FleetIndex';
import { FleetSelections } from './FleetSelections';

function setup() {
  let now = 1_000;
  let state: PatchState['state'] = 'up-to-date';
  const index = new FleetIndex({
    now: () => now,
    // Patch states hold until t = 5,000.
    patchStateOf: () => ({
      state: { state, rebootRequired: false },
      validUntil: 5_000,
    }),
  });
  for (const name of ['c2', 'c1', 'c3']) {
    index.upsert('mc', normaliseCluster(cluster(name), 'v1beta2')!);
    index.upsert(
      'mc',
      normaliseMachine(machine(name, `${name}-m`), 'v1beta2')!,
    );
  }
  return {
    index,
    selections: new FleetSelections(index),
    setNow: (t: number) => (now = t),
    setState: (s: PatchState['state']) => (state = s),
  };
}

describe('FleetSelections', () => {
  it('keeps the clusters in id order and answers the same filters from what it kept while the fleet is unchanged', () => {
    const { selections } = setup();
    const all = selections.select({});
    expect(all.clusters.map(c => c.id)).toEqual([
      'mc/default/c1',
      'mc/default/c2',
      'mc/default/c3',
    ]);
    expect(all.summary).toMatchObject({ clusters: 3, machines: 3 });
    expect(selections.select({ offset: 2, limit: 1 })).toBe(all);
    const search = selections.select({ search: 'C2' });
    expect(search.clusters.map(c => c.id)).toEqual(['mc/default/c2']);
    expect(search.summary.clusters).toBe(1);
    // The same filters in another order or case are the same selection.
    expect(
      selections.select({ managementCluster: ['mc', 'x'], search: 'c2' }),
    ).toBe(selections.select({ managementCluster: ['x', 'mc'], search: 'C2' }));
  });

  it('builds anew after a change, a cluster coming or going, and once patch states age', () => {
    const { index, selections, setNow, setState } = setup();
    const first = selections.select({});
    index.upsert('mc', normaliseMachine(machine('c1', 'c1-m2'), 'v1beta2')!);
    const changed = selections.select({});
    expect(changed).not.toBe(first);
    expect(changed.summary.machines).toBe(4);

    index.upsert('mc', normaliseCluster(cluster('c0'), 'v1beta2')!);
    index.remove('mc', 'Cluster', 'default', 'c3');
    expect(selections.select({}).clusters.map(c => c.id)).toEqual([
      'mc/default/c0',
      'mc/default/c1',
      'mc/default/c2',
    ]);

    const before = selections.select({});
    expect(before.summary.patch.upToDate).toBe(3);
    setState('overdue');
    setNow(4_999);
    expect(selections.select({})).toBe(before);
    setNow(5_000);
    const aged = selections.select({});
    expect(aged.summary.patch).toMatchObject({ upToDate: 0, overdue: 3 });
  });

  it('puts only changed clusters in their place after a change, and reads all again after invalidateAll', () => {
    const { index, selections, setState } = setup();
    const first = selections.select({ search: 'c2' });
    index.upsert('mc', normaliseMachine(machine('c2', 'c2-m2'), 'v1beta2')!);
    const after = selections.select({ search: 'c2' });
    expect(after.clusters.map(c => [c.id, c.machineCount])).toEqual([
      ['mc/default/c2', 2],
    ]);
    expect(after.summary.machines).toBe(2);
    expect(selections.select({}).summary.machines).toBe(4);
    expect(first.summary.machines).toBe(1);
    setState('pending');
    index.invalidateAll();
    expect(selections.select({}).summary.patch).toMatchObject({
      upToDate: 0,
      pending: 4,
    });
  });
});
