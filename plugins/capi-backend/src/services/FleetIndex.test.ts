import {
  normaliseCluster,
  normaliseKubeadmControlPlane,
  normaliseMachine,
} from '../normalise';
import type { TrimmedObject } from '../normalise/types';
import { cluster, controlPlane, machine } from '../__testUtils__/fixtures';
import { FleetIndex } from './FleetIndex';
import { parseLabelSelector } from './LabelSelector';

function makeIndex() {
  const changes: Array<[string[], string[]]> = [];
  const index = new FleetIndex({
    patchStateOf: () => ({
      state: { state: 'unknown', rebootRequired: false },
      validUntil: Infinity,
    }),
  });
  index.onChange((changed, removed) => changes.push([changed, removed]));
  return { index, changes };
}
const NORMALISERS = {
  Cluster: normaliseCluster,
  Machine: normaliseMachine,
  KubeadmControlPlane: normaliseKubeadmControlPlane,
};
const trim = (o: unknown) => {
  const kind = (o as { kind: keyof typeof NORMALISERS }).kind;
  return NORMALISERS[kind](o, 'v1beta2') as TrimmedObject;
};

describe('FleetIndex', () => {
  it('groups children under their cluster whatever the arrival order', () => {
    const { index, changes } = makeIndex();
    index.upsert('mc', trim(machine('c1', 'm1')));
    expect(index.has('mc/default/c1')).toBe(false);
    // A control plane without cluster label waits for the Cluster that references it.
    const cp = controlPlane('c1');
    delete cp.metadata.labels;
    index.upsert('mc', trim(cp));
    index.upsert('mc', trim(cluster('c1', { labels: { team: 'a' } })));
    const summary = index.getSummary('mc/default/c1')!;
    expect(summary.machines.map(m => m.name)).toEqual(['m1']);
    expect(summary.controlPlane).toMatchObject({
      name: 'c1-cp',
      replicas: 1,
      initialized: true,
    });
    expect(changes.at(-1)).toEqual([['mc/default/c1'], []]);
  });

  it("offers upgrades by the cluster's profile: chained ones, with the plan, only where the profile allows them", () => {
    const build = (chained: boolean) => {
      const index = new FleetIndex({
        patchStateOf: () => ({
          state: { state: 'unknown', rebootRequired: false },
          validUntil: Infinity,
        }),
        allowedVersions: () => ['v1.33.4', 'v1.34.1', 'v1.35.0'],
        chainedUpgrades: profile => chained && profile === 'cc-dev',
      });
      index.upsert(
        'mc',
        trim(cluster('c1', { labels: { 'capstan.dev/profile': 'cc-dev' } })),
      );
      index.upsert('mc', trim(controlPlane('c1')));
      index.upsert('mc', trim(machine('c1', 'cp-1', { controlPlane: true })));
      return index.getSummary('mc/default/c1')!.upgrade;
    };
    expect(build(false)?.available).toEqual(['v1.34.1']);
    expect(build(true)).toMatchObject({
      available: ['v1.34.1', 'v1.35.0'],
      plans: { 'v1.35.0': ['v1.34.1', 'v1.35.0'] },
    });
  });

  it('keeps the cached part of a bulk read larger than the cache across repeated reads', () => {
    const index = new FleetIndex({
      patchStateOf: () => ({
        state: { state: 'unknown', rebootRequired: false },
        validUntil: Infinity,
      }),
      fullSummaryCacheSize: 2,
    });
    for (const name of ['a', 'b', 'c']) {
      index.upsert('mc', trim(cluster(name)));
    }
    const read = () =>
      ['a', 'b', 'c'].map((name, i) =>
        index.getSummary(`mc/default/${name}`, { cache: i < 2 }),
      );
    const first = read();
    const second = read();
    // a and b come from the cache; only c, past its size, is built again.
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).not.toBe(first[2]);
    expect(second[2]).toEqual(first[2]);
  });

  it('caches summaries until something of the cluster changes', () => {
    const { index } = makeIndex();
    index.upsert('mc', trim(cluster('c1')));
    index.upsert('mc', trim(cluster('c2')));
    const first = index.getSummary('mc/default/c1');
    expect(index.getSummary('mc/default/c1')).toBe(first);
    index.upsert('mc', trim(machine('c2', 'm')));
    expect(index.getSummary('mc/default/c1')).toBe(first);
    index.upsert('mc', trim(machine('c1', 'm')));
    expect(index.getSummary('mc/default/c1')).not.toBe(first);
  });

  it('looks clusters up by entity, owner, management cluster and label', () => {
    const { index } = makeIndex();
    index.upsert(
      'mc',
      trim(
        cluster('c1', {
          labels: {
            team: 'a',
            'capstan.dev/entity-kind': 'Component',
            'capstan.dev/entity-name': 'shop',
          },
          annotations: { 'capstan.dev/owner-ref': 'group:default/Team-A' },
        }),
      ),
    );
    index.upsert('mc2', trim(cluster('c2', { labels: { team: 'b' } })));
    expect(index.idsForEntity('component:default/shop')).toEqual([
      'mc/default/c1',
    ]);
    expect(index.idsForEntity('group:default/team-a')).toEqual([
      'mc/default/c1',
    ]);
    expect(index.idsForManagementCluster('mc2')).toEqual(['mc2/default/c2']);
    expect(
      index.idsBySelector(parseLabelSelector('team in (a,b)')).sort(),
    ).toEqual(['mc/default/c1', 'mc2/default/c2']);
    expect(index.idsBySelector(parseLabelSelector('team!=a'))).toEqual([
      'mc2/default/c2',
    ]);
    // Relabelled: old index entries go away.
    index.upsert('mc', trim(cluster('c1', { labels: { team: 'z' } })));
    expect(index.idsForEntity('component:default/shop')).toEqual([]);
    expect(index.idsBySelector(parseLabelSelector('team=a'))).toEqual([]);
  });

  it('replaces a kind after a relist, reporting only real changes', () => {
    const { index, changes } = makeIndex();
    index.replaceKind('mc', 'Cluster', [
      trim(cluster('c1')),
      trim(cluster('c2')),
    ]);
    changes.length = 0;
    index.replaceKind('mc', 'Cluster', [
      trim(cluster('c1')),
      trim(cluster('c3')),
    ]);
    expect(changes).toEqual([[['mc/default/c3'], ['mc/default/c2']]]);
    expect([...index.clusterIds()].sort()).toEqual([
      'mc/default/c1',
      'mc/default/c3',
    ]);
    expect(index.counts('mc')).toEqual({ clusters: 2, machines: 0 });
  });

  it('reports the entity links of a removed cluster once', () => {
    const { index } = makeIndex();
    index.upsert(
      'mc',
      trim(
        cluster('c1', {
          annotations: { 'capstan.dev/entity-ref': 'component:default/shop' },
        }),
      ),
    );
    let seen: string[] = [];
    index.onChange((_changed, removed) => {
      if (removed.length) seen = index.entityRefsOfCluster(removed[0]);
    });
    index.remove('mc', 'Cluster', 'default', 'c1');
    expect(seen).toEqual(['component:default/shop']);
    expect(index.getSummary('mc/default/c1')).toBeUndefined();
  });

  it('counts the machines of known clusters per management cluster as they come and go', () => {
    const { index } = makeIndex();
    // Machines of a cluster not seen yet do not count until it arrives.
    index.upsert('mc', trim(machine('c1', 'm1')));
    index.upsert('mc', trim(machine('c1', 'm2')));
    index.upsert('other', trim(cluster('c9')));
    index.upsert('other', trim(machine('c9', 'm1')));
    expect(index.counts('mc')).toEqual({ clusters: 0, machines: 0 });
    index.upsert('mc', trim(cluster('c1')));
    expect(index.counts('mc')).toEqual({ clusters: 1, machines: 2 });
    index.upsert('mc', trim(machine('c1', 'm2')));
    index.remove('mc', 'Machine', 'default', 'm1');
    expect(index.counts('mc')).toEqual({ clusters: 1, machines: 1 });
    index.replaceKind('mc', 'Machine', [
      trim(machine('c1', 'm3')),
      trim(machine('c1', 'm4')),
      trim(machine('c2', 'm5')),
    ]);
    expect(index.counts('mc')).toEqual({ clusters: 1, machines: 2 });
    index.remove('mc', 'Cluster', 'default', 'c1');
    expect(index.counts('mc')).toEqual({ clusters: 0, machines: 0 });
    expect(index.counts('other')).toEqual({ clusters: 1, machines: 1 });
  });
});
