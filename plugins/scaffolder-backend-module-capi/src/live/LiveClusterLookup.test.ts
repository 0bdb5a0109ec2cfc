import { mockServices } from '@backstage/backend-test-utils';
import { CapiBackendClusterLookup } from './LiveClusterLookup';

const ref = { managementCluster: 'aws-eu', namespace: 'clusters', name: 'c1' };

function lookupWith(
  answer: (url: string, headers: Record<string, string>) => Response,
) {
  const calls: string[] = [];
  const lookup = CapiBackendClusterLookup.create({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    fetch: (async (url: string, init: RequestInit) => {
      calls.push(url);
      return answer(url, init.headers as Record<string, string>);
    }) as typeof fetch,
  });
  return { lookup, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('CapiBackendClusterLookup', () => {
  it('asks the capi backend as the plugin itself and reports an existing cluster', async () => {
    const seen: string[] = [];
    const { lookup, calls } = lookupWith((_url, headers) => {
      seen.push(headers.Authorization);
      return json(200, { name: 'c1' });
    });
    await expect(lookup.exists(ref)).resolves.toBe(true);
    expect(seen[0]).toMatch(/^Bearer /);
    expect(calls[0]).toMatch(/\/api\/capi\/clusters\/aws-eu\/clusters\/c1$/);
  });

  it('counts a 404 as absent only when the management cluster has synced', async () => {
    const synced = lookupWith(url =>
      url.endsWith('/management-clusters')
        ? json(200, {
            items: [{ name: 'aws-eu', lastSyncAt: '2026-01-01T00:00:00Z' }],
          })
        : json(404, {}),
    );
    await expect(synced.lookup.exists(ref)).resolves.toBe(false);

    const notSynced = lookupWith(url =>
      url.endsWith('/management-clusters')
        ? json(200, { items: [{ name: 'aws-eu' }] })
        : json(404, {}),
    );
    await expect(notSynced.lookup.exists(ref)).rejects.toThrow(
      /Cannot confirm that no cluster aws-eu\/clusters\/c1 exists .* has not synced it yet/,
    );
  });

  it('reads what a cluster runs now, undefined once a synced management cluster has no such cluster, and fails closed otherwise', async () => {
    const live = lookupWith(() =>
      json(200, {
        name: 'c1',
        status: 'Available',
        controlPlane: { replicas: 1 },
        nodePools: [],
        upgrade: { available: [] },
      }),
    );
    await expect(live.lookup.summary(ref)).resolves.toMatchObject({
      name: 'c1',
      upgrade: { available: [] },
    });
    const absent = lookupWith(url =>
      url.endsWith('/management-clusters')
        ? json(200, {
            items: [{ name: 'aws-eu', lastSyncAt: '2026-01-01T00:00:00Z' }],
          })
        : json(404, {}),
    );
    await expect(absent.lookup.summary(ref)).resolves.toBeUndefined();
    await expect(
      lookupWith(() => json(500, {})).lookup.summary(ref),
    ).rejects.toThrow(
      /Cannot read what cluster aws-eu\/clusters\/c1 runs now .* answered HTTP 500/,
    );
    await expect(
      lookupWith(() => new Response('<html>', { status: 200 })).lookup.summary(
        ref,
      ),
    ).rejects.toThrow(/answered no JSON/);
    await expect(
      lookupWith(() => json(200, { name: 'c1' })).lookup.summary(ref),
    ).rejects.toThrow(/answered something else than a cluster/);
  });

  it('fails closed when the capi backend errors or does not answer', async () => {
    await expect(
      lookupWith(() => json(503, {})).lookup.exists(ref),
    ).rejects.toThrow(/answered HTTP 503/);
    const down = CapiBackendClusterLookup.create({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      fetch: (async () => {
        throw new Error('ECONNREFUSED');
      }) as typeof fetch,
    });
    await expect(down.exists(ref)).rejects.toThrow(/did not answer/);
  });

  it('finds the namespaces of a management cluster holding a cluster of that exact name', async () => {
    const fleet = (items: unknown[], lastSyncAt?: string) =>
      json(200, {
        total: items.length,
        items,
        managementClusters: [{ name: 'aws-eu', lastSyncAt }],
      });
    const { lookup, calls } = lookupWith(() =>
      fleet(
        [
          { managementCluster: 'aws-eu', namespace: 'team-a', name: 'c1' },
          { managementCluster: 'aws-eu', namespace: 'team-b', name: 'c10' },
          { managementCluster: 'aws-us', namespace: 'team-c', name: 'c1' },
        ],
        '2026-01-01T00:00:00Z',
      ),
    );
    await expect(lookup.namespacesWithName('aws-eu', 'c1')).resolves.toEqual([
      'team-a',
    ]);
    expect(calls[0]).toMatch(
      /\/api\/capi\/fleet\?managementCluster=aws-eu&search=c1&/,
    );

    const notSynced = lookupWith(() => fleet([]));
    await expect(
      notSynced.lookup.namespacesWithName('aws-eu', 'c1'),
    ).rejects.toThrow(/has not synced it yet/);
    await expect(
      lookupWith(() => json(403, {})).lookup.namespacesWithName('aws-eu', 'c1'),
    ).rejects.toThrow(/answered HTTP 403/);
  });
});
