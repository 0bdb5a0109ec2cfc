import { gunzipSync } from 'node:zlib';
import { normaliseCluster, normaliseMachine } from '../normalise';
import type { TrimmedObject } from '../normalise/types';
import { cluster, machine } from '../__testUtils__/fixtures';
import { FleetIndex } from './FleetIndex';
import { FleetReader } from './FleetReader';
import type { ManagementClusterWatcher } from './ManagementClusterWatcher';
import { PatchPolicy } from './PatchPolicy';

/** A reader over `count` clusters of one management cluster, each with `machines` machines. */
function readerOf(
  count: number,
  machines: number,
  watchers: ManagementClusterWatcher[] = [],
) {
  const index = new FleetIndex({
    patchStateOf: () => ({
      state: { state: 'unknown', rebootRequired: false },
      validUntil: Infinity,
    }),
  });
  const put = (
    o: unknown,
    normalise: (o: unknown, version: string) => TrimmedObject | undefined,
  ) => index.upsert('mc', normalise(o, 'v1beta2')!);
  for (let i = 0; i < count; i++) {
    const name = `c-${String(i).padStart(4, '0')}`;
    put(
      cluster(name, { pools: [{ name: 'md-0', replicas: machines - 1 }] }),
      normaliseCluster,
    );
    for (let m = 0; m < machines; m++) {
      put(
        machine(name, `${name}-m${String(m).padStart(3, '0')}`, {
          controlPlane: m === 0,
          pool: m === 0 ? undefined : 'md-0',
        }),
        normaliseMachine,
      );
    }
  }
  const reader = new FleetReader({
    index,
    watchers,
    policy: new PatchPolicy({
      securityOverdueAfterMs: 48 * 3600_000,
      providers: [],
    }),
  });
  return { reader, index, put };
}

/** A management cluster as the reader sees it: name, title, health, staleness. */
function fakeWatcher(name: string) {
  let stale = false;
  const watcher = {
    name,
    title: `Title of ${name}`,
    health: () => ({
      name,
      title: `Title of ${name}`,
      state: stale ? 'down' : 'synced',
      stale,
      clusterCount: 0,
      machineCount: 0,
    }),
    staleness: () =>
      stale ? { stale, since: '2026-11-30T10:00:00.000Z' } : { stale },
  };
  return {
    watcher: watcher as unknown as ManagementClusterWatcher,
    goStale: () => {
      stale = true;
    },
  };
}

const ROW_FIELDS = [
  'actualVersion',
  'desiredVersion',
  'id',
  'machineCount',
  'managementCluster',
  'managementClusterTitle',
  'name',
  'namespace',
  'patch',
  'phase',
  'provider',
  'stale',
  'status',
];

describe('FleetReader.fleet', () => {
  it("answers a page of rows: only what the fleet table reads, the machines' count and patch counts", () => {
    const page = readerOf(120, 7, [fakeWatcher('mc').watcher]).reader.fleet({
      limit: 50,
      offset: 50,
    });
    expect(page).toMatchObject({ total: 120, offset: 50, limit: 50 });
    expect(page.summary).toMatchObject({ clusters: 120, machines: 840 });
    expect(page.items.map(c => c.name)).toEqual(
      Array.from(
        { length: 50 },
        (_, i) => `c-${String(i + 50).padStart(4, '0')}`,
      ),
    );
    for (const item of page.items) {
      expect(Object.keys(item).sort()).toEqual(ROW_FIELDS);
      expect(item).toMatchObject({
        id: `mc/default/${item.name}`,
        managementCluster: 'mc',
        managementClusterTitle: 'Title of mc',
        machineCount: 7,
        stale: false,
      });
      expect(item.patch.total).toBe(7);
    }
  });

  it('keeps a row small and independent of how many machines and pools its cluster has', () => {
    const size = (machines: number) =>
      JSON.stringify(readerOf(60, machines).reader.fleet({ limit: 50 }).items)
        .length;
    const few = size(3);
    const many = size(200);
    // Only counts differ (more digits), never one entry per machine.
    expect(many - few).toBeLessThan(50 * 60);
    expect(few / 50).toBeLessThan(800);
  });

  it('marks the rows of a stale management cluster stale, with since when', () => {
    const mc = fakeWatcher('mc');
    const { reader } = readerOf(3, 2, [mc.watcher]);
    mc.goStale();
    expect(reader.fleet({}).items[0]).toMatchObject({
      stale: true,
      staleSince: '2026-11-30T10:00:00.000Z',
    });
  });

  it('answers list items with their pools for view=summaries', () => {
    const page = readerOf(120, 7).reader.fleetSummaries({
      limit: 50,
      offset: 50,
    });
    expect(page).toMatchObject({ total: 120, offset: 50, limit: 50 });
    for (const item of page.items) {
      expect(item).not.toHaveProperty('machines');
      expect(item.machineCount).toBe(7);
      expect(item.nodePools.map(p => p.name)).toEqual(['md-0']);
    }
  });
});

describe('FleetReader.encodedFleet', () => {
  const decode = (encoded: { body: Buffer }) =>
    JSON.parse(encoded.body.toString('utf8'));

  it('encodes a page once and serves the same bytes while nothing changes', () => {
    const { reader } = readerOf(30, 3, [fakeWatcher('mc').watcher]);
    const first = reader.encodedFleet({ limit: 10 });
    expect(reader.encodedFleet({ limit: 10 })).toBe(first);
    expect(decode(first)).toEqual(reader.fleet({ limit: 10 }));
    expect(gunzipSync(first.gzipped().bytes).equals(first.body)).toBe(true);
  });

  it('keeps pages apart per filter set and page', () => {
    const { reader } = readerOf(30, 3);
    const all = reader.encodedFleet({ limit: 10 });
    const searched = reader.encodedFleet({ limit: 5, search: 'c-002' });
    const second = reader.encodedFleet({ limit: 10, offset: 10 });
    expect(decode(searched)).toMatchObject({ total: 10, limit: 5 });
    expect(decode(searched).items.map((c: { name: string }) => c.name)).toEqual(
      ['c-0020', 'c-0021', 'c-0022', 'c-0023', 'c-0024'],
    );
    expect(decode(second).items[0].name).toBe('c-0010');
    expect(decode(all).items[0].name).toBe('c-0000');
    expect(reader.encodedFleet({ limit: 5, search: 'c-002' })).toBe(searched);
  });

  it('encodes the page anew after a change to the fleet, for every filter set', () => {
    const { reader, put } = readerOf(30, 3);
    const before = reader.encodedFleet({ limit: 10 });
    const filteredBefore = reader.encodedFleet({ search: 'c-0001' });
    put(
      cluster('c-0001', {
        pools: [{ name: 'md-0', replicas: 2 }],
        phase: 'Deleting',
      }),
      normaliseCluster,
    );
    const after = reader.encodedFleet({ limit: 10 });
    expect(after).not.toBe(before);
    expect(decode(before).items[1].phase).toBe('Provisioned');
    expect(decode(after).items[1]).toMatchObject({
      name: 'c-0001',
      phase: 'Deleting',
    });
    expect(decode(after).summary.byPhase).toMatchObject({ Deleting: 1 });
    expect(
      decode(reader.encodedFleet({ search: 'c-0001' })).items[0].phase,
    ).toBe('Deleting');
    expect(reader.encodedFleet({ search: 'c-0001' })).not.toBe(filteredBefore);
  });

  it("encodes the page anew when a management cluster's health changes", () => {
    const mc = fakeWatcher('mc');
    const { reader } = readerOf(5, 2, [mc.watcher]);
    const before = reader.encodedFleet({});
    mc.goStale();
    const after = reader.encodedFleet({});
    expect(after).not.toBe(before);
    expect(decode(after).items[0].stale).toBe(true);
    expect(decode(after).managementClusters[0].stale).toBe(true);
  });
});
