import { mockServices } from '@backstage/backend-test-utils';
import { CapiFleetClient } from './CapiFleetClient';
import { FakeFleet } from './testing/FakeFleet';
import { makeClusterSummary } from './testing/makeClusterSummary';

describe('CapiFleetClient', () => {
  let fleet: FakeFleet;
  let close: () => Promise<void>;
  let client: CapiFleetClient;

  beforeEach(async () => {
    fleet = new FakeFleet();
    const server = await fleet.listen();
    close = server.close;
    client = CapiFleetClient.create({
      discovery: {
        getBaseUrl: async () => server.baseUrl,
        getExternalBaseUrl: async () => server.baseUrl,
      },
      auth: mockServices.auth({ pluginId: 'catalog' }),
      pageSize: 2,
    });
  });

  afterEach(() => close());

  it('reads one cluster and returns undefined for an unknown one', async () => {
    const cluster = makeClusterSummary();
    fleet.set(cluster);
    await expect(client.getCluster(cluster)).resolves.toEqual(cluster);
    await expect(
      client.getCluster({ ...cluster, name: 'unknown' }),
    ).resolves.toBeUndefined();
  });

  it('throws, rather than answering "gone", when the instance has not synced the management cluster', async () => {
    const cluster = makeClusterSummary();
    fleet.notSynced.add(cluster.managementCluster);
    await expect(client.getCluster(cluster)).rejects.toMatchObject({
      statusCode: 503,
      cause: { message: 'Management cluster mc-fra is not synced yet' },
    });
  });

  it('covers only the management clusters every page covers', async () => {
    fleet.set(
      makeClusterSummary({ name: 'a' }),
      makeClusterSummary({ name: 'b' }),
      makeClusterSummary({ name: 'c', managementCluster: 'mc-aws' }),
    );
    // Page 2 comes from a replica that does not know mc-aws at all.
    fleet.pageHealth = offset =>
      offset === 0
        ? fleet.managementClusters
        : fleet.managementClusters.filter(m => m.name !== 'mc-aws');
    const snapshot = await client.readFleet();
    expect(snapshot).toMatchObject({
      complete: false,
      incompleteReason: 'management cluster mc-aws is missing from some pages',
      coveredManagementClusters: ['mc-fra'],
    });
  });

  it('covers no management cluster when the fleet changed while it was read', async () => {
    fleet.set(
      makeClusterSummary({ name: 'a' }),
      makeClusterSummary({ name: 'b' }),
      makeClusterSummary({ name: 'c' }),
    );
    fleet.afterPage = () => fleet.clusters.delete('mc-fra/team-payments/a');
    const snapshot = await client.readFleet();
    expect(snapshot.complete).toBe(false);
    expect(snapshot.coveredManagementClusters).toEqual([]);
  });

  it('says the capi backend seems missing when /fleet is not found', async () => {
    fleet.handle = () => ({ status: 404, body: {} });
    await expect(client.readFleet()).rejects.toThrow(
      'The capi backend answered 404 for /fleet; is @capstan/plugin-capi-backend installed?',
    );
  });

  it('rejects a malformed fleet page', async () => {
    fleet.handle = () => ({ status: 200, body: { items: 'none' } });
    await expect(client.readFleet()).rejects.toThrow(
      'The capi backend returned a malformed fleet page at offset 0',
    );
  });

  it('surfaces the status of a failing capi backend', async () => {
    fleet.failWith = 503;
    await expect(client.readFleet()).rejects.toThrow(/503/);
  });

  it('stops paging on an empty page even if total promised more', async () => {
    fleet.set(makeClusterSummary({ name: 'a' }));
    const original = fleet.handle.bind(fleet);
    fleet.handle = (path, authorization) => {
      const answer = original(path, authorization);
      return { ...answer, body: { ...(answer.body as object), total: 10 } };
    };
    const snapshot = await client.readFleet();
    expect(snapshot.items.map(c => c.name)).toEqual(['a']);
    expect(snapshot.complete).toBe(false);
    expect(fleet.requests.map(r => r.path)).toEqual([
      '/fleet?offset=0&limit=2&view=summaries',
      '/fleet?offset=1&limit=2&view=summaries',
    ]);
  });
});
