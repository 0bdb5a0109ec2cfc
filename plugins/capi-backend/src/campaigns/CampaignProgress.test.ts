import type { PatchCampaign } from '@capstan/plugin-capi-common';
import { normaliseCluster, normaliseMachine } from '../normalise';
import type { TrimmedObject } from '../normalise/types';
import { cluster, machine } from '../__testUtils__/fixtures';
import { FleetIndex } from '../services/FleetIndex';
import { FleetReader } from '../services/FleetReader';
import { PatchPolicy } from '../services/PatchPolicy';
import { CampaignProgressCounter } from './CampaignProgress';

const START = Date.parse('2026-11-29T08:00:00Z');
const campaign: PatchCampaign = {
  id: '7f1c6c1e-6a52-4d0e-9d55-1f2b0a6a0c11',
  name: 'OpenSSL 3.0.16 security release',
  startedAt: new Date(START).toISOString(),
  slaHours: 48,
  createdBy: 'user:default/pat',
};
const before = new Date(START - 3_600_000).toISOString();
const after = new Date(START + 3_600_000).toISOString();

/**
 * A fleet of `count` clusters named `<prefix>-NN`, two machines each; the
 * machines of every other cluster were patched after the campaign started.
 */
function fleetOf(clusters: Array<{ prefix: string; count: number }>) {
  const lastPatched = new Map<string, string>();
  const reads: string[] = [];
  const index = new FleetIndex({
    patchStateOf: (_mc, m) => ({
      state: {
        state: 'up-to-date',
        rebootRequired: false,
        lastPatched: lastPatched.get(m.name),
      },
      validUntil: Infinity,
    }),
  });
  const put = (o: unknown) =>
    index.upsert(
      'mc',
      ((o as { kind: string }).kind === 'Cluster'
        ? normaliseCluster(o, 'v1beta2')
        : normaliseMachine(o, 'v1beta2')) as TrimmedObject,
    );
  for (const { prefix, count } of clusters) {
    for (let i = 0; i < count; i++) {
      const name = `${prefix}-${String(i).padStart(2, '0')}`;
      put(cluster(name));
      for (const n of [0, 1]) {
        lastPatched.set(`${name}-m${n}`, i % 2 === 0 ? after : before);
        put(machine(name, `${name}-m${n}`));
      }
    }
  }
  const reader = new FleetReader({
    index,
    watchers: [],
    policy: new PatchPolicy({ securityOverdueAfterMs: 1, providers: [] }),
  });
  const counter = new CampaignProgressCounter({
    matching: query => reader.matching(query),
    machinesOf: id => {
      reads.push(id);
      return index.getSummary(id, { cache: false })?.machines;
    },
  });
  return { counter, reads, lastPatched, put };
}

describe('CampaignProgressCounter', () => {
  it('counts every cluster of the fleet, not one page of 50', () => {
    const { counter } = fleetOf([{ prefix: 'pay', count: 60 }]);
    const progress = counter.progress(campaign, {});
    expect(progress).toMatchObject({
      campaignId: campaign.id,
      clusters: 60,
      machines: 120,
      patched: 60,
      // The other 60 report nothing pending now, but their last patch came
      // before the campaign: still to patch, and said so.
      unpatchedByState: {
        'up-to-date': 60,
        pending: 0,
        overdue: 0,
        unknown: 0,
      },
      share: 0.5,
      deadline: '2026-12-01T08:00:00.000Z',
      clustersRemaining: 30,
    });
    // The clusters still to patch, at most 20 listed, most remaining first.
    expect(progress.remainingByCluster).toHaveLength(20);
    expect(progress.remainingByCluster[0]).toEqual({
      clusterId: 'mc/default/pay-01',
      cluster: 'pay-01',
      remaining: 2,
    });
  });

  it('counts only the clusters the fleet filters match', () => {
    const { counter } = fleetOf([
      { prefix: 'pay', count: 4 },
      { prefix: 'shop', count: 6 },
    ]);
    expect(counter.progress(campaign, { search: 'shop' })).toMatchObject({
      clusters: 6,
      machines: 12,
      patched: 6,
    });
  });

  it('reads again only the machines of a cluster that changed, and counts its patch at once', () => {
    const { counter, reads, lastPatched, put } = fleetOf([
      { prefix: 'pay', count: 3 },
    ]);
    expect(counter.progress(campaign, {}).patched).toBe(4);
    expect(reads).toHaveLength(3);
    // The patch system patches pay-01's first machine: its Machine changes.
    lastPatched.set('pay-01-m0', after);
    put(
      machine('pay-01', 'pay-01-m0', {
        annotations: { 'patch.example.com/last-patched': after },
      }),
    );
    expect(counter.progress(campaign, {}).patched).toBe(5);
    expect(reads).toEqual([
      'mc/default/pay-00',
      'mc/default/pay-01',
      'mc/default/pay-02',
      'mc/default/pay-01',
    ]);
  });
});
