import { admit } from './Admission';
import { reader, refusal } from './__testUtils__/admissionRequests';

describe('admission: names', () => {
  const r = reader();
  it.each([
    ['Cluster', 'cluster.x-k8s.io'],
    ['MachineSet', 'cluster.x-k8s.io'],
    ['KubeadmControlPlane', 'controlplane.cluster.x-k8s.io'],
    ['DevCluster', 'infrastructure.cluster.x-k8s.io'],
  ])(
    'refuses a %s name that is not a DNS-1123 subdomain, as the API server does',
    (kind, group) => {
      const error = refusal(() =>
        admit(
          { kind, group },
          {
            object: { kind, metadata: { name: 'Shop_1' }, spec: {} },
            reader: r,
          },
        ),
      );
      expect(error.code).toBe(422);
      expect(error.message).toMatch(
        new RegExp(
          `^${kind}\\.${group.replace(
            /\./g,
            '\\.',
          )} "Shop_1" is invalid: metadata\\.name: Invalid value: "Shop_1": a lowercase RFC 1123 subdomain`,
        ),
      );
    },
  );
});
