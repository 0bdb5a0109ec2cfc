import { mockCredentials } from '@backstage/backend-test-utils';
import { eventually } from './__testUtils__/fixtures';
import { DEV, usePluginTestBackend } from './__testUtils__/pluginTestBackend';

// The offerings and health endpoints, and how bad input is refused.
describe('capi backend plugin: profiles, ClusterClasses, management cluster health, input checks', () => {
  const backend = usePluginTestBackend();
  const { get } = backend;

  it('lists profiles without infrastructure details', async () => {
    const res = await get('/profiles', DEV);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        name: 'onprem',
        title: 'On-prem Frankfurt',
        clusterClass: 'vsphere-class',
        kubernetesVersions: ['v1.33.4', 'v1.33.5', 'v1.34.1', 'v1.35.0'],
        // Each size with its title in words (the profile's, else from its shape).
        machineSizes: [{ name: 'small', title: 'Small (2 vCPU, 4 GiB)' }],
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('vcenter.internal');
  });

  it('serves the ClusterClasses it watches (v1beta2, and v1beta1 on an older CAPI), with their variables, to services and users', async () => {
    const service = mockCredentials.service.header();
    for (const mc of ['mc-a', 'mc-old']) {
      backend.sim.get(mc).store.create('clusterclasses.cluster.x-k8s.io', {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        kind: 'ClusterClass',
        metadata: { name: 'proxy-class', namespace: 'default' },
        spec: {},
        status: {
          variables: [
            {
              name: 'kubeProxyMode',
              definitions: [
                {
                  from: 'inline',
                  required: true,
                  schema: {
                    openAPIV3Schema: { type: 'string', enum: ['ipvs'] },
                  },
                },
              ],
            },
          ],
        },
      });
    }
    const body = await eventually(async () => {
      const res = await get('/cluster-classes?name=proxy-class', service);
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: any) => c.managementCluster)).toEqual([
        'mc-a',
        'mc-old',
      ]);
      return res.body;
    }, 10_000);
    expect(body.items[0].variables).toEqual([
      {
        name: 'kubeProxyMode',
        required: true,
        from: 'inline',
        schema: { type: 'string', enum: ['ipvs'] },
      },
    ]);
    expect((await get('/cluster-classes', DEV)).status).toBe(200);
  });

  it('reports management cluster health to fleet readers only', async () => {
    const res = await get('/management-clusters');
    expect(res.body.items).toEqual([
      expect.objectContaining({
        name: 'mc-a',
        title: 'Management mc-a',
        state: 'synced',
        apiVersion: 'v1beta2',
        stale: false,
        clusterCount: 4,
        machineCount: 12,
      }),
      expect.objectContaining({
        name: 'mc-b',
        state: 'synced',
        clusterCount: 1,
      }),
      expect.objectContaining({
        name: 'mc-old',
        state: 'synced',
        apiVersion: 'v1beta1',
        clusterCount: 1,
      }),
    ]);
    const denied = await get('/management-clusters', DEV);
    expect(denied.status).toBe(403);
    expect(JSON.stringify(denied.body)).not.toContain('mc-a');
  });

  it('rejects bad parameters with 400 and a message', async () => {
    const cases: Array<[string, string]> = [
      ['/clusters', 'entityRef'],
      ['/clusters?entityRef=not a ref:/', 'Invalid entityRef'],
      ['/fleet?limit=0', 'limit'],
      ['/fleet?status=Sleeping', 'status'],
      ['/fleet?color=blue', 'color'],
      ['/fleet/compliance?from=yesterday', 'from'],
      [
        '/fleet/compliance?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
        'from must not be after to',
      ],
      ['/fleet/compliance?scope=everything', 'scope'],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.message).toContain(message);
    }
  });
});
