import {
  CLUSTER_STATUSES,
  type ClusterListItem,
  type ClusterSummary,
  type ComplianceResponse,
  type FleetResponse,
} from '@capstan/plugin-capi-common';
import { eventually, RESOURCES } from './__testUtils__/fixtures';
import { usePluginTestBackend } from './__testUtils__/pluginTestBackend';

// The fleet endpoint (statuses, summary, filters, pages) and recorded compliance snapshots.
describe('capi backend plugin: the fleet view and compliance series', () => {
  const backend = usePluginTestBackend();
  const { get, tasks } = backend;

  it('filters the fleet by every status a cluster can show', async () => {
    for (const status of CLUSTER_STATUSES) {
      const res = await get(`/fleet?status=${status}`);
      expect({ status, code: res.status }).toEqual({ status, code: 200 });
      for (const c of (res.body as FleetResponse).items) {
        expect(c.status).toBe(status);
      }
    }
  });

  it('serves the fleet: summary, filters and pages', async () => {
    const res = await get('/fleet?limit=2');
    expect(res.status).toBe(200);
    const body = res.body as FleetResponse;
    expect(body.summary).toMatchObject({
      clusters: 6,
      machines: 18,
      byStatus: { Available: 6 },
      byVersion: { 'v1.33.4': 6 },
      patch: { total: 18, overdue: 3, unknown: 15 },
    });
    expect(body.summary.overdue).toEqual([
      expect.objectContaining({
        clusterId: 'mc-a/default/scaffolded',
        owner: 'group:default/team-payments',
      }),
    ]);
    expect(body.summary.overdue[0].machines).toHaveLength(3);
    expect(body.policy).toEqual({ securityOverdueAfterHours: 48 });
    expect(body).toMatchObject({ total: 6, offset: 0, limit: 2 });
    expect(body.items.map(c => c.id)).toEqual([
      'mc-a/default/listed',
      'mc-a/default/scaffolded',
    ]);
    expect(body.managementClusters).toHaveLength(3);

    const page2 = (await get('/fleet?limit=2&offset=2')).body as FleetResponse;
    expect(page2.items.map(c => c.id)).toEqual([
      'mc-a/default/selected',
      'mc-a/default/unrelated',
    ]);

    const filtered = async (query: string) =>
      ((await get(`/fleet?${query}`)).body as FleetResponse).items.map(
        c => c.id,
      );
    expect(await filtered('managementCluster=mc-b,mc-old')).toEqual([
      'mc-b/default/related',
      'mc-old/default/legacy',
    ]);
    expect(await filtered('patchState=overdue')).toEqual([
      'mc-a/default/scaffolded',
    ]);
    expect(await filtered('owner=group:default/team-payments')).toEqual([
      'mc-a/default/scaffolded',
    ]);
    expect(
      await filtered(
        'version=1.33.4&phase=Provisioned&status=Available&search=leg',
      ),
    ).toEqual(['mc-old/default/legacy']);
    expect(await filtered('version=v1.30.0')).toEqual([]);
  });

  it('lists the fleet as rows: counts in the row, pools and machines from the detail endpoint', async () => {
    const res = await get('/fleet?search=scaffolded');
    // Encoded once and sent gzipped to clients that accept it.
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.body as FleetResponse;
    expect(body.items.map(c => c.id)).toEqual(['mc-a/default/scaffolded']);
    const [item] = body.items;
    expect(item).not.toHaveProperty('machines');
    expect(item).not.toHaveProperty('nodePools');
    expect(item).not.toHaveProperty('conditions');
    expect(item).toMatchObject({
      managementCluster: 'mc-a',
      namespace: 'default',
      name: 'scaffolded',
      owner: 'group:default/team-payments',
      machineCount: 3,
      stale: false,
    });
    expect(item.patch).toMatchObject({ total: 3, overdue: 3 });
    const detail = (await get('/clusters/mc-a/default/scaffolded'))
      .body as ClusterSummary;
    expect(detail.machines).toHaveLength(item.machineCount);
    expect(detail.nodePools.length).toBeGreaterThan(0);

    const summaries = (await get('/fleet?search=scaffolded&view=summaries'))
      .body as FleetResponse<ClusterListItem>;
    expect(summaries.items[0]).not.toHaveProperty('machines');
    expect(summaries.items[0].nodePools).toEqual(detail.nodePools);
    expect((await get('/fleet?view=everything')).status).toBe(400);
  });

  it('sends the same rows uncompressed to clients that do not accept gzip, and 304 for a known ETag', async () => {
    // The watchers may resync between two requests (a new lastSyncAt is a
    // new snapshot), so the pair is compared on one snapshot: retried until
    // nothing changed in between.
    await eventually(async () => {
      const zipped = await get('/fleet?limit=3');
      const plain = await get('/fleet?limit=3').set(
        'Accept-Encoding',
        'identity',
      );
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toEqual(zipped.body);
      const again = await get('/fleet?limit=3')
        .set('Accept-Encoding', 'identity')
        .set('If-None-Match', plain.headers.etag);
      expect(again.status).toBe(304);
    });
  });

  it('records compliance snapshots and serves them as a series', async () => {
    const snapshot = tasks.get('capi-compliance-snapshot');
    expect(snapshot).toBeDefined();
    const from = new Date(Date.now() - 1000).toISOString();
    await snapshot!(new AbortController().signal);
    // Patch the overdue machines, then snapshot again.
    const a = backend.sim.get('mc-a');
    for (const name of [
      'scaffolded-cp-1',
      'scaffolded-md-0-0',
      'scaffolded-md-0-1',
    ]) {
      a.store.mergePatch(RESOURCES.machines, 'default', name, {
        metadata: {
          annotations: {
            'capstan.dev/patch-last-patched': new Date().toISOString(),
            'capstan.dev/patch-pending-security-updates': '0',
            'capstan.dev/patch-security-pending-since': null,
            'capstan.dev/patch-reboot-required': 'false',
          },
        },
      });
    }
    await eventually(async () => {
      const c = (await get('/clusters/mc-a/default/scaffolded'))
        .body as ClusterSummary;
      expect(c.patch.upToDate).toBe(3);
    }, 2000);
    await new Promise(r => setTimeout(r, 5));
    await snapshot!(new AbortController().signal);

    const res = await get(
      `/fleet/compliance?from=${from}&scope=fleet&scope=owner:group:default/team-payments,cluster:mc-a/default/scaffolded`,
    );
    expect(res.status).toBe(200);
    const body = res.body as ComplianceResponse;
    expect(body.series.map(s => s.scope)).toEqual([
      'fleet',
      'owner:group:default/team-payments',
      'cluster:mc-a/default/scaffolded',
    ]);
    const [fleet, owner, single] = body.series;
    expect(fleet.points.map(p => [p.total, p.overdue, p.upToDate])).toEqual([
      [18, 3, 0],
      [18, 0, 3],
    ]);
    expect(owner.points.map(p => p.compliance)).toEqual([0, 1]);
    expect(single.points).toHaveLength(2);
    const empty = await get(
      `/fleet/compliance?to=${from}&from=${new Date(
        Date.now() - 86_400_000,
      ).toISOString()}`,
    );
    expect(empty.body.series).toEqual([{ scope: 'fleet', points: [] }]);
  });
});
