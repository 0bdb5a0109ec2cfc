import { admit } from './Admission';
import { KCP, kcp, reader, refusal } from './__testUtils__/admissionRequests';

describe('admission: KubeadmControlPlane', () => {
  const r = reader();
  it('refuses an even number of replicas with stacked etcd, on create and on scaling', () => {
    const created = refusal(() => admit(KCP, { object: kcp(2), reader: r }));
    expect(created.message).toBe(
      'admission webhook "validation.kubeadmcontrolplane.controlplane.cluster.x-k8s.io" denied the request: ' +
        'KubeadmControlPlane.controlplane.cluster.x-k8s.io "shop-cp" is invalid: ' +
        'spec.replicas: Forbidden: cannot be an even number when etcd is stacked',
    );
    expect(
      refusal(() =>
        admit(KCP, { object: kcp(4), oldObject: kcp(3), reader: r }),
      ).message,
    ).toContain('cannot be an even number when etcd is stacked');
    expect(() =>
      admit(KCP, { object: kcp(5), oldObject: kcp(3), reader: r }),
    ).not.toThrow();
    const external = {
      kubeadmConfigSpec: {
        clusterConfiguration: {
          etcd: { external: { endpoints: ['https://etcd:2379'] } },
        },
      },
    };
    expect(() =>
      admit(KCP, { object: kcp(2, external), reader: r }),
    ).not.toThrow();
  });

  it('refuses zero or missing replicas, an incomplete template and a two-minor jump', () => {
    expect(
      refusal(() => admit(KCP, { object: kcp(0), reader: r })).message,
    ).toContain('spec.replicas: Forbidden: cannot be less than or equal to 0');
    expect(
      refusal(() => admit(KCP, { object: kcp(undefined), reader: r })).message,
    ).toContain('spec.replicas: Required value: is required');
    const noTemplate = kcp(1, { machineTemplate: { spec: {} } });
    expect(
      refusal(() => admit(KCP, { object: noTemplate, reader: r })).message,
    ).toContain(
      'spec.machineTemplate.infrastructure.kind: Invalid value: "": cannot be empty',
    );
    expect(
      refusal(() =>
        admit(KCP, {
          object: kcp(3, { version: 'v1.35.0' }),
          oldObject: kcp(3),
          reader: r,
        }),
      ).message,
    ).toContain(
      'spec.version: Forbidden: cannot update Kubernetes version from v1.33.4 to v1.35.0',
    );
    expect(() =>
      admit(KCP, {
        object: kcp(3, { version: 'v1.34.1' }),
        oldObject: kcp(3),
        reader: r,
      }),
    ).not.toThrow();
  });
});
