import { normaliseCluster, normaliseMachine } from '../normalise';
import type { TrimmedObject } from '../normalise/types';
import { cluster, machine } from '../__testUtils__/fixtures';
import { FleetIndex } from './FleetIndex';
import { FleetReader } from './FleetReader';
import { PatchPolicy } from './PatchPolicy';

/** A reader over `count` clusters of one management cluster, each with `machines` machines. */
function readerOf(count: number, machines: number) {
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
  return new FleetReader({
    index,
    watchers: [],
    policy: new PatchPolicy({
      securityOverdueAfterMs: 48 * 3600_000,
      providers: [],
    }),
  });
}

describe('FleetReader.fleet', () => {
  it('answers a page of list items without machines, with their count and pools', () => {
    const page = readerOf(120, 7).fleet({ limit: 50, offset: 50 });
    expect(page).toMatchObject({ total: 120, offset: 50, limit: 50 });
    expect(page.summary).toMatchObject({ clusters: 120, machines: 840 });
    expect(page.items.map(c => c.name)).toEqual(
      Array.from(
        { length: 50 },
        (_, i) => `c-${String(i + 50).padStart(4, '0')}`,
      ),
    );
    for (const item of page.items) {
      expect(item).not.toHaveProperty('machines');
      expect(item.machineCount).toBe(7);
      expect(item.patch.total).toBe(7);
      expect(item.nodePools.map(p => p.name)).toEqual(['md-0']);
    }
  });

  it("keeps the page's size independent of how many machines its clusters have", () => {
    const size = (machines: number) =>
      JSON.stringify(readerOf(60, machines).fleet({ limit: 50 }).items).length;
    const few = size(3);
    const many = size(200);
    // Only counts differ (more digits), never one entry per machine.
    expect(many - few).toBeLessThan(50 * 60);
    expect(few / 50).toBeLessThan(4_000);
  });
});
