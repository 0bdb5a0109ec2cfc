import { startSimulator } from '../simulator';
import { kubeRequest } from '../__testUtils__/kubeRequest';
import type { Simulator } from '../types';

// Real HTTPS: leave room for a loaded CI machine.
jest.setTimeout(30_000);

describe('demo ClusterClasses', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: 1,
      seedClusters: 1,
      seed: 3,
      reconcile: false,
      patchSimulation: false,
    });
  });

  afterAll(() => sim.stop());

  it('serve status.variables with inline definitions and OpenAPI schemas, in v1beta2 and v1beta1', async () => {
    const mc = sim.get('mc-1');
    for (const version of ['v1beta2', 'v1beta1']) {
      const list = (
        await kubeRequest(
          mc,
          'GET',
          `/apis/cluster.x-k8s.io/${version}/clusterclasses`,
        )
      ).json;
      expect(list.items.length).toBeGreaterThan(0);
      for (const cc of list.items) {
        const names = cc.status.variables.map((v: any) => v.name);
        expect(names).toEqual(
          expect.arrayContaining([
            'workerMachineSize',
            'controlPlaneMachineSize',
            'kubeProxyMode',
            'etcdEncryption',
          ]),
        );
        const proxy = cc.status.variables.find(
          (v: any) => v.name === 'kubeProxyMode',
        );
        expect(proxy.definitions[0]).toMatchObject({
          from: 'inline',
          required: false,
          schema: {
            openAPIV3Schema: {
              type: 'string',
              enum: ['iptables', 'ipvs', 'nftables'],
            },
          },
        });
      }
      // onprem-fra-like: mc-1 runs vSphere, whose class requires its datacenter.
      const vsphere = list.items.filter(
        (cc: any) => cc.metadata.name === 'vsphere-standard',
      );
      expect(vsphere.length).toBeGreaterThan(0);
      expect(
        vsphere.map(
          (cc: any) =>
            cc.status.variables.find((v: any) => v.name === 'vsphereDatacenter')
              .definitions[0].required,
        ),
      ).toEqual(vsphere.map(() => true));
    }
  });
});
