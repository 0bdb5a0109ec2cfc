import { mockServices } from '@backstage/backend-test-utils';
import { CapiBackendClusterClassCatalog } from './ClusterClassCatalog';

const ref = {
  managementCluster: 'onprem-fra',
  namespace: 'clusters',
  name: 'vsphere-standard',
};

function catalogWith(
  answer: (url: string) => Response | Promise<Response>,
  syncWaitMs = 0,
) {
  const calls: string[] = [];
  const catalog = CapiBackendClusterClassCatalog.create({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    syncWaitMs,
    fetch: (async (url: string) => {
      calls.push(url);
      return answer(url);
    }) as typeof fetch,
  });
  return { catalog, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status });

describe('CapiBackendClusterClassCatalog', () => {
  it('finds a class by management cluster, namespace and name', async () => {
    const item = { ...ref, variables: [] };
    const { catalog, calls } = catalogWith(() =>
      json(200, { items: [item], synced: ['onprem-fra'] }),
    );
    await expect(catalog.find(ref)).resolves.toEqual({
      state: 'found',
      clusterClass: item,
    });
    expect(calls[0]).toMatch(
      /\/api\/capi\/cluster-classes\?managementCluster=onprem-fra&namespace=clusters&name=vsphere-standard$/,
    );
  });

  it('says missing only once the management cluster has been listed, unknown otherwise', async () => {
    await expect(
      catalogWith(() =>
        json(200, { items: [], synced: ['onprem-fra'] }),
      ).catalog.find(ref),
    ).resolves.toEqual({ state: 'missing' });
    await expect(
      catalogWith(() => json(200, { items: [], synced: [] })).catalog.find(ref),
    ).resolves.toMatchObject({ state: 'unknown' });
    // A management cluster without the ClusterClass API: nothing to check against.
    await expect(
      catalogWith(() =>
        json(200, {
          items: [],
          synced: [],
          withoutClusterClassApi: ['onprem-fra'],
        }),
      ).catalog.find(ref),
    ).resolves.toEqual({ state: 'no-api' });
    await expect(
      catalogWith(() => json(404, {})).catalog.find(ref),
    ).resolves.toEqual({
      state: 'unknown',
      reason: 'the capi backend answered HTTP 404',
    });
    await expect(
      catalogWith(() => {
        throw new Error('ECONNREFUSED');
      }).catalog.find(ref),
    ).resolves.toEqual({
      state: 'unknown',
      reason: 'the capi backend did not answer',
    });
  });

  it('asks again for a while when the backend has not listed the management cluster yet (a backend just started)', async () => {
    const item = { ...ref, variables: [] };
    let answers = 0;
    const { catalog, calls } = catalogWith(
      () =>
        ++answers < 3
          ? json(200, { items: [], synced: [] })
          : json(200, { items: [item], synced: ['onprem-fra'] }),
      30_000,
    );
    await expect(catalog.find(ref)).resolves.toEqual({
      state: 'found',
      clusterClass: item,
    });
    expect(calls).toHaveLength(3);
  });
});
