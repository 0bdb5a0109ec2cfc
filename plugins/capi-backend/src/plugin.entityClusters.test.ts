import { mockCredentials } from '@backstage/backend-test-utils';
import {
  type ClusterSummary,
  type EntityClustersResponse,
} from '@capstan/plugin-capi-common';
import {
  DEV,
  MISCONFIGURED_POLICY,
  usePluginTestBackend,
} from './__testUtils__/pluginTestBackend';

// Which clusters belong to an entity, the full read model of one, and what a caller who may not read them gets.
describe("capi backend plugin: an entity's clusters, a cluster's read model, and who may read them", () => {
  const backend = usePluginTestBackend();
  const { get } = backend;

  it("resolves an entity's clusters from annotations, selector, scaffolder labels and catalog relations", async () => {
    const res = await get('/clusters?entityRef=component:default/checkout');
    expect(res.status).toBe(200);
    const body = res.body as EntityClustersResponse;
    expect(body.entityRef).toBe('component:default/checkout');
    expect(body.items.map(c => c.id)).toEqual([
      'mc-a/default/listed',
      'mc-a/default/scaffolded',
      'mc-a/default/selected',
      'mc-b/default/related',
      'mc-old/default/legacy',
    ]);
    expect(body.staleManagementClusters).toEqual([]);

    const owned = await get(
      '/clusters?entityRef=group:default/team-payments',
      DEV,
    );
    expect(owned.body.items.map((c: ClusterSummary) => c.id)).toEqual([
      'mc-a/default/scaffolded',
    ]);

    // Annotations and selectors only narrow: a caller who may read only
    // team-payments' clusters gets only those of the entity's clusters.
    const narrowed = await get(
      '/clusters?entityRef=component:default/checkout',
      DEV,
    );
    expect(narrowed.body.items.map((c: ClusterSummary) => c.id)).toEqual([
      'mc-a/default/scaffolded',
    ]);
  });

  it('builds the full read model of a cluster', async () => {
    const res = await get('/clusters/mc-a/default/scaffolded');
    expect(res.status).toBe(200);
    const summary = res.body as ClusterSummary;
    expect(summary).toMatchObject({
      id: 'mc-a/default/scaffolded',
      owner: 'group:default/team-payments',
      entityRefs: ['component:default/checkout'],
      profile: 'onprem',
      status: 'Available',
      upgradeOptions: ['v1.33.5', 'v1.34.1'],
      gitopsPath: 'clusters/mc-a/default/scaffolded',
      gitopsUrl:
        'https://git.example.com/clusters/tree/main/clusters/mc-a/default/scaffolded',
      controlPlaneEndpoint: 'https://scaffolded.k8s.example.com:6443',
      patch: { total: 3, overdue: 3, rebootRequired: 3, compliance: 0 },
      apiVersion: 'v1beta2',
      stale: false,
    });
    expect(summary.nodePools).toEqual([
      expect.objectContaining({
        name: 'md-0',
        kind: 'MachineDeployment',
        class: 'default-worker',
        desiredReplicas: 2,
        replicas: 2,
        readyReplicas: 2,
        rollingOut: false,
        patch: expect.objectContaining({ total: 2, overdue: 2 }),
      }),
    ]);
    expect(summary.machines[0]).toMatchObject({
      name: 'scaffolded-cp-1',
      pool: 'control-plane',
      nodeName: 'scaffolded-cp-1',
      kubeletVersion: 'v1.33.4',
      osImage: 'Ubuntu 24.04.1 LTS',
      kernelVersion: '6.8.0-45-generic',
      certificatesExpiryDate: '2027-11-25T10:00:00Z',
      patch: {
        state: 'overdue',
        rebootRequired: true,
        pendingSecurityUpdates: 3,
        source: 'annotations',
      },
    });
    // Trimmed on arrival: no last-applied annotation, no managedFields.
    expect(JSON.stringify(summary)).not.toContain('last-applied');
    expect(JSON.stringify(summary)).not.toContain('managedFields');
  });

  it('hides entities and clusters the caller may not read, leaking nothing', async () => {
    const hidden = await get(
      '/clusters?entityRef=component:default/secret',
      DEV,
    );
    const missing = await get(
      '/clusters?entityRef=component:default/nope',
      DEV,
    );
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain('listed');
    expect(
      (await get('/clusters?entityRef=component:default/secret')).status,
    ).toBe(200);

    // A conditional read decision: only clusters the caller's team owns.
    expect((await get('/clusters/mc-a/default/scaffolded', DEV)).status).toBe(
      200,
    );
    const unrelated = await get('/clusters/mc-a/default/unrelated', DEV);
    const unknown = await get('/clusters/mc-a/default/does-not-exist', DEV);
    expect(unrelated.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(unrelated.body.error.message).toBe(
      unknown.body.error.message.replace('does-not-exist', 'unrelated'),
    );
    expect((await get('/clusters/mc-a/default/listed', DEV)).status).toBe(404);

    for (const path of [
      '/fleet',
      '/fleet/compliance',
      '/management-clusters',
    ]) {
      const res = await get(path, DEV);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
  });

  it('answers 400 naming the condition when the policy returns one it got wrong (unknown rule, wrong params, another resource type)', async () => {
    const cases: Array<[string, string]> = [
      [
        MISCONFIGURED_POLICY.unknownRule.user,
        'unknown capi-cluster rule "IS_CLUSTER_OWNR"',
      ],
      [
        MISCONFIGURED_POLICY.wrongParams.user,
        'invalid params for capi-cluster rule IS_CLUSTER_OWNER',
      ],
      [
        MISCONFIGURED_POLICY.wrongResourceType.user,
        'condition IS_ENTITY_OWNER is for resource type "catalog-entity"',
      ],
    ];
    for (const [user, message] of cases) {
      for (const path of [
        '/clusters/mc-a/default/scaffolded',
        '/clusters?entityRef=component:default/checkout',
      ]) {
        const res = await get(path, mockCredentials.user.header(user));
        expect({ user, path, status: res.status }).toEqual({
          user,
          path,
          status: 400,
        });
        expect(res.body.error).toMatchObject({
          name: 'InputError',
          message: expect.stringContaining(message),
        });
        expect(JSON.stringify(res.body)).not.toContain('team-payments');
      }
    }
  });
});
