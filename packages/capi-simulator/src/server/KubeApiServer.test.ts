import { startSimulator } from '../simulator';
import { kubeRequest } from '../__testUtils__/kubeRequest';
import { Simulator } from '../types';

// Real HTTPS, git and child processes: leave room for a loaded CI machine.
jest.setTimeout(30_000);

const CLUSTERS = '/apis/cluster.x-k8s.io/v1beta2/namespaces/team-a/clusters';

function cluster(name: string, labels: Record<string, string> = {}) {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { name, namespace: 'team-a', labels },
    spec: { topology: { classRef: { name: 'standard' }, version: 'v1.33.2' } },
  };
}

describe('KubeApiServer', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['mc-a'],
      reconcile: false,
      patchSimulation: false,
    });
  });

  afterAll(() => sim.stop());

  it('answers 401 without a token and with a wrong one', async () => {
    const mc = sim.get('mc-a');
    const none = await kubeRequest(mc, 'GET', '/api', { token: null });
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({
      kind: 'Status',
      code: 401,
      reason: 'Unauthorized',
    });
    const wrong = await kubeRequest(mc, 'GET', '/api', {
      token: 'not-the-token',
    });
    expect(wrong.status).toBe(401);
  });

  it('answers 403 for a token without rights on the resource', async () => {
    const mc = sim.get('mc-a');
    const restricted = await kubeRequest(mc, 'GET', CLUSTERS, {
      token: mc.restrictedToken,
    });
    expect(restricted.status).toBe(403);
    expect(restricted.json.reason).toBe('Forbidden');
    expect(restricted.json.message).toContain(
      'cannot list resource "clusters"',
    );
    // The restricted token still reads core resources.
    expect(
      (
        await kubeRequest(mc, 'GET', '/api/v1/nodes', {
          token: mc.restrictedToken,
        })
      ).status,
    ).toBe(200);

    const readOnly = await kubeRequest(mc, 'POST', CLUSTERS, {
      token: mc.readOnlyToken,
      body: cluster('ro'),
    });
    expect(readOnly.status).toBe(403);
    expect(
      mc.store.get('clusters.cluster.x-k8s.io', 'team-a', 'ro'),
    ).toBeUndefined();
    expect(
      (await kubeRequest(mc, 'GET', CLUSTERS, { token: mc.readOnlyToken }))
        .status,
    ).toBe(200);
  });

  it('serves discovery for core and the CAPI groups', async () => {
    const mc = sim.get('mc-a');
    const version = await kubeRequest(mc, 'GET', '/version');
    expect(version.json.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
    expect((await kubeRequest(mc, 'GET', '/api')).json.versions).toEqual([
      'v1',
    ]);
    const core = await kubeRequest(mc, 'GET', '/api/v1');
    expect(core.json.resources.map((r: any) => r.name)).toEqual(
      expect.arrayContaining(['namespaces', 'nodes', 'secrets']),
    );
    const groups = (await kubeRequest(mc, 'GET', '/apis')).json.groups;
    const byName = Object.fromEntries(groups.map((g: any) => [g.name, g]));
    expect(byName['cluster.x-k8s.io'].preferredVersion.version).toBe('v1beta2');
    expect(
      byName['cluster.x-k8s.io'].versions.map((v: any) => v.version),
    ).toEqual(['v1beta2', 'v1beta1']);
    for (const group of [
      'controlplane.cluster.x-k8s.io',
      'bootstrap.cluster.x-k8s.io',
      'ipam.cluster.x-k8s.io',
      'infrastructure.cluster.x-k8s.io',
    ]) {
      expect(byName[group]).toBeDefined();
    }
    const capi = await kubeRequest(mc, 'GET', '/apis/cluster.x-k8s.io/v1beta2');
    const kinds = capi.json.resources
      .filter((r: any) => !r.name.includes('/'))
      .map((r: any) => r.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Cluster',
        'ClusterClass',
        'MachineDeployment',
        'MachineSet',
        'Machine',
        'MachinePool',
        'MachineHealthCheck',
      ]),
    );
    const infra = await kubeRequest(
      mc,
      'GET',
      '/apis/infrastructure.cluster.x-k8s.io/v1beta1',
    );
    expect(infra.json.resources.map((r: any) => r.kind)).toEqual(
      expect.arrayContaining([
        'VSphereCluster',
        'VSphereMachineTemplate',
        'AWSMachineTemplate',
        'AzureMachineTemplate',
      ]),
    );
    const dev = await kubeRequest(
      mc,
      'GET',
      '/apis/infrastructure.cluster.x-k8s.io/v1beta2',
    );
    expect(dev.json.resources.map((r: any) => r.kind)).toEqual(
      expect.arrayContaining(['DevCluster', 'DevMachineTemplate']),
    );
  });

  it('creates, reads, updates, patches and deletes objects with Kubernetes metadata semantics', async () => {
    const mc = sim.get('mc-a');
    const created = await kubeRequest(mc, 'POST', CLUSTERS, {
      body: cluster('crud-1'),
    });
    expect(created.status).toBe(201);
    const meta = created.json.metadata;
    expect(meta.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.generation).toBe(1);
    expect(Number(meta.resourceVersion)).toBeGreaterThan(0);
    expect(Date.parse(meta.creationTimestamp)).not.toBeNaN();

    expect(
      (await kubeRequest(mc, 'POST', CLUSTERS, { body: cluster('crud-1') }))
        .json.reason,
    ).toBe('AlreadyExists');

    const got = await kubeRequest(mc, 'GET', `${CLUSTERS}/crud-1`);
    expect(got.json.spec.topology.version).toBe('v1.33.2');

    // An update from a stale resourceVersion conflicts.
    const stale = {
      ...got.json,
      metadata: { ...got.json.metadata, resourceVersion: '1' },
    };
    const conflict = await kubeRequest(mc, 'PUT', `${CLUSTERS}/crud-1`, {
      body: stale,
    });
    expect(conflict.status).toBe(409);

    // Status is ignored on the main endpoint and written through /status.
    const updated = await kubeRequest(mc, 'PUT', `${CLUSTERS}/crud-1`, {
      body: {
        ...got.json,
        spec: { ...got.json.spec, paused: true },
        status: { phase: 'Hacked' },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.json.metadata.generation).toBe(2);
    expect(updated.json.status).toBeUndefined();
    const status = await kubeRequest(mc, 'PATCH', `${CLUSTERS}/crud-1/status`, {
      body: { status: { phase: 'Provisioned' } },
      contentType: 'application/merge-patch+json',
    });
    expect(status.json.status.phase).toBe('Provisioned');
    expect(status.json.metadata.generation).toBe(2);

    const merged = await kubeRequest(mc, 'PATCH', `${CLUSTERS}/crud-1`, {
      body: { metadata: { labels: { team: 'a' } } },
      contentType: 'application/merge-patch+json',
    });
    expect(merged.json.metadata.labels).toEqual({ team: 'a' });
    const jsonPatched = await kubeRequest(mc, 'PATCH', `${CLUSTERS}/crud-1`, {
      body: [
        { op: 'replace', path: '/spec/paused', value: false },
        { op: 'add', path: '/metadata/labels/tier', value: 'gold' },
      ],
      contentType: 'application/json-patch+json',
    });
    expect(jsonPatched.json.spec.paused).toBe(false);
    expect(jsonPatched.json.metadata.labels).toEqual({
      team: 'a',
      tier: 'gold',
    });
    const badPatch = await kubeRequest(mc, 'PATCH', `${CLUSTERS}/crud-1`, {
      body: [{ op: 'remove', path: '/spec/nope' }],
      contentType: 'application/json-patch+json',
    });
    expect(badPatch.status).toBe(422);
    const ssa = await kubeRequest(mc, 'PATCH', `${CLUSTERS}/crud-1`, {
      body: '{}',
      contentType: 'application/apply-patch+yaml',
    });
    expect(ssa.status).toBe(415);

    const deleted = await kubeRequest(mc, 'DELETE', `${CLUSTERS}/crud-1`);
    expect(deleted.status).toBe(200);
    expect((await kubeRequest(mc, 'GET', `${CLUSTERS}/crud-1`)).status).toBe(
      404,
    );
    expect((await kubeRequest(mc, 'DELETE', `${CLUSTERS}/crud-1`)).status).toBe(
      404,
    );
  });

  it('rejects bad input with a Status and writes nothing', async () => {
    const mc = sim.get('mc-a');
    const invalidName = await kubeRequest(mc, 'POST', CLUSTERS, {
      body: cluster('Not_A_Name'),
    });
    expect(invalidName.status).toBe(422);
    expect(invalidName.json.message).toContain('metadata.name');
    const badJson = await kubeRequest(mc, 'POST', CLUSTERS, { body: '{nope' });
    expect(badJson.status).toBe(400);
    const wrongKind = await kubeRequest(mc, 'POST', CLUSTERS, {
      body: { ...cluster('wrong-kind'), kind: 'Machine' },
    });
    expect(wrongKind.status).toBe(400);
    expect(
      mc.store.get('clusters.cluster.x-k8s.io', 'team-a', 'wrong-kind'),
    ).toBeUndefined();
    expect(
      (await kubeRequest(mc, 'GET', '/apis/cluster.x-k8s.io/v1beta2/widgets'))
        .status,
    ).toBe(404);
  });

  it('lists across namespaces with label and field selectors', async () => {
    const mc = sim.get('mc-a');
    const store = mc.store;
    store.create('clusters.cluster.x-k8s.io', {
      ...cluster('sel-1', { env: 'prod', tier: 'gold' }),
      metadata: {
        name: 'sel-1',
        namespace: 'ns-1',
        labels: { env: 'prod', tier: 'gold' },
      },
    });
    store.create('clusters.cluster.x-k8s.io', {
      ...cluster('sel-2'),
      metadata: { name: 'sel-2', namespace: 'ns-2', labels: { env: 'dev' } },
    });
    store.create('clusters.cluster.x-k8s.io', {
      ...cluster('sel-3'),
      metadata: { name: 'sel-3', namespace: 'ns-2', labels: { env: 'prod' } },
    });
    const names = async (query: string) =>
      (
        await kubeRequest(
          mc,
          'GET',
          `/apis/cluster.x-k8s.io/v1beta2/clusters?${query}`,
        )
      ).json.items.map((i: any) => i.metadata.name);
    expect(await names('labelSelector=env%3Dprod')).toEqual(['sel-1', 'sel-3']);
    expect(await names('labelSelector=env!%3Dprod,env')).toEqual(['sel-2']);
    expect(await names('labelSelector=env%20in%20(dev,prod),!tier')).toEqual([
      'sel-2',
      'sel-3',
    ]);
    expect(await names('labelSelector=env%20notin%20(prod),env')).toEqual([
      'sel-2',
    ]);
    expect(await names('fieldSelector=metadata.namespace%3Dns-2')).toEqual([
      'sel-2',
      'sel-3',
    ]);
    expect(await names('fieldSelector=metadata.name%3Dsel-3')).toEqual([
      'sel-3',
    ]);
    const namespaced = await kubeRequest(
      mc,
      'GET',
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/ns-1/clusters',
    );
    expect(namespaced.json.items.map((i: any) => i.metadata.name)).toEqual([
      'sel-1',
    ]);
    expect(namespaced.json.kind).toBe('ClusterList');
    const badSelector = await kubeRequest(
      mc,
      'GET',
      '/apis/cluster.x-k8s.io/v1beta2/clusters?labelSelector=a%20in%20(b',
    );
    expect(badSelector.status).toBe(422);
    const badField = await kubeRequest(
      mc,
      'GET',
      '/apis/cluster.x-k8s.io/v1beta2/clusters?fieldSelector=spec.paused%3Dtrue',
    );
    expect(badField.status).toBe(422);
  });
});
