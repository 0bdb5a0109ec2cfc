import { KubeObject } from '../types';
import { admit } from './Admission';
import {
  CLUSTER,
  reader,
  refusal,
  topologyCluster,
} from './__testUtils__/admissionRequests';
import { AdmissionReader } from './types';

function controlPlane(specVersion: string, running: string[]): KubeObject {
  return {
    kind: 'KubeadmControlPlane',
    metadata: { name: 'shop-cp', namespace: 'team-a' },
    spec: { version: specVersion, replicas: 3 },
    status: running.length
      ? {
          version: [...running].sort()[0],
          versions: running.map(version => ({ version, replicas: 1 })),
        }
      : {},
  };
}

function pool(name: string, version: string): KubeObject {
  return {
    kind: 'MachineDeployment',
    metadata: {
      name,
      namespace: 'team-a',
      labels: {
        'cluster.x-k8s.io/cluster-name': 'shop',
        'topology.cluster.x-k8s.io/owned': '',
      },
    },
    spec: {
      clusterName: 'shop',
      selector: { matchLabels: { 'cluster.x-k8s.io/deployment-name': name } },
      template: { spec: { clusterName: 'shop', version } },
    },
  };
}

function machine(poolName: string, version: string, kubelet = version) {
  return {
    kind: 'Machine',
    metadata: {
      name: `${poolName}-${Math.random().toString(36).slice(2, 7)}`,
      namespace: 'team-a',
      labels: { 'cluster.x-k8s.io/deployment-name': poolName },
    },
    spec: { version },
    status: { nodeInfo: { kubeletVersion: kubelet } },
  } as KubeObject;
}

function fleet(
  cp: KubeObject,
  pools: KubeObject[] = [],
  machines: KubeObject[] = [],
) {
  return reader({
    'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io': [cp],
    'machinedeployments.cluster.x-k8s.io': pools,
    'machines.cluster.x-k8s.io': machines,
  });
}

const upgrade = (from: string, to: string, r: AdmissionReader) => () =>
  admit(CLUSTER, {
    object: topologyCluster(to),
    oldObject: topologyCluster(from),
    reader: r,
  });

describe('admission: Cluster topology version', () => {
  it('refuses a new version while the control plane and a pool still run the previous one', () => {
    // Git says v1.33.4; the control plane and pool "workers" still run v1.32.8.
    const r = fleet(
      controlPlane('v1.33.4', ['v1.32.8', 'v1.33.4']),
      [pool('workers', 'v1.32.8'), pool('batch', 'v1.33.4')],
      [machine('workers', 'v1.32.8'), machine('batch', 'v1.33.4')],
    );
    const error = refusal(upgrade('v1.33.4', 'v1.34.1', r));
    expect(error.code).toBe(422);
    expect(error.reason).toBe('Invalid');
    expect(error.message).toBe(
      'admission webhook "validation.cluster.cluster.x-k8s.io" denied the request: ' +
        'Cluster.cluster.x-k8s.io "shop" is invalid: spec.topology.version: ' +
        'Invalid value: "v1.34.1": version cannot be changed: [control plane is still ' +
        'completing a previous upgrade, there are still MachineDeployments completing ' +
        'a previous upgrade: [workers]]',
    );
    expect(error.details).toMatchObject({
      name: 'shop',
      kind: 'Cluster',
      group: 'cluster.x-k8s.io',
      causes: [{ reason: 'FieldValueInvalid', field: 'spec.topology.version' }],
    });
  });

  it('refuses while the version has not reached the control plane spec, or it is provisioning', () => {
    expect(
      refusal(
        upgrade(
          'v1.33.4',
          'v1.34.1',
          fleet(controlPlane('v1.32.8', ['v1.32.8'])),
        ),
      ).message,
    ).toContain(
      'Cluster.spec.topology.version 1.33.4 was not propagated to control plane yet (control plane version 1.32.8)',
    );
    expect(
      refusal(upgrade('v1.33.4', 'v1.34.1', fleet(controlPlane('v1.33.4', []))))
        .message,
    ).toContain('control plane is currently provisioning');
    expect(refusal(upgrade('v1.33.4', 'v1.34.1', reader())).message).toContain(
      'failed to get control plane object',
    );
  });

  it('refuses while a pool at the version still has machines (or kubelets) on the old one', () => {
    const cp = controlPlane('v1.33.4', ['v1.33.4']);
    const oldMachine = fleet(
      cp,
      [pool('workers', 'v1.33.4')],
      [machine('workers', 'v1.32.8')],
    );
    expect(
      refusal(upgrade('v1.33.4', 'v1.34.1', oldMachine)).message,
    ).toContain(
      'there are still MachineDeployments completing a previous upgrade: [workers]',
    );
    const oldKubelet = fleet(
      cp,
      [pool('workers', 'v1.33.4')],
      [machine('workers', 'v1.33.4', 'v1.32.8')],
    );
    expect(
      refusal(upgrade('v1.33.4', 'v1.34.1', oldKubelet)).message,
    ).toContain('[workers]');
  });

  it('admits the next version once the previous one runs everywhere', () => {
    const r = fleet(
      controlPlane('v1.33.4', ['v1.33.4']),
      [pool('workers', 'v1.33.4')],
      [machine('workers', 'v1.33.4')],
    );
    expect(upgrade('v1.33.4', 'v1.34.1', r)).not.toThrow();
    // Pools the topology does not own are not its business.
    const foreign = pool('manual', 'v1.30.0');
    delete foreign.metadata.labels!['topology.cluster.x-k8s.io/owned'];
    expect(
      upgrade(
        'v1.33.4',
        'v1.34.1',
        fleet(controlPlane('v1.33.4', ['v1.33.4']), [foreign]),
      ),
    ).not.toThrow();
  });

  it('refuses a downgrade and a jump of two minors unless the class plans upgrades', () => {
    const settled = fleet(controlPlane('v1.33.4', ['v1.33.4']));
    expect(refusal(upgrade('v1.33.4', 'v1.32.8', settled)).message).toContain(
      'version cannot be decreased from "1.33.4" to "1.32.8"',
    );
    expect(refusal(upgrade('v1.33.4', 'v1.35.0', settled)).message).toContain(
      'version cannot be increased from "1.33.4" to "1.35.0"',
    );
    const withVersions = reader({
      'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io': [
        controlPlane('v1.33.4', ['v1.33.4']),
      ],
      'clusterclasses.cluster.x-k8s.io': [
        {
          metadata: { name: 'standard', namespace: 'team-a' },
          spec: { kubernetesVersions: ['v1.33.4', 'v1.34.1', 'v1.35.0'] },
        },
      ],
    });
    expect(upgrade('v1.33.4', 'v1.35.0', withVersions)).not.toThrow();
  });

  it('skips the version checks with the unsafe annotation, as CAPI does', () => {
    const object = topologyCluster('v1.34.1');
    object.metadata.annotations = {
      'unsafe.topology.cluster.x-k8s.io/disable-update-version-check': '',
    };
    expect(() =>
      admit(CLUSTER, {
        object,
        oldObject: topologyCluster('v1.33.4'),
        reader: reader(),
      }),
    ).not.toThrow();
  });
});
