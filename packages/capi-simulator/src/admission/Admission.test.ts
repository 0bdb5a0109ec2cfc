import { KubeStatusError } from '../server/status';
import { KubeObject } from '../types';
import { admit } from './Admission';
import { AdmissionReader } from './types';

const CLUSTER = { kind: 'Cluster', group: 'cluster.x-k8s.io' };
const MD = { kind: 'MachineDeployment', group: 'cluster.x-k8s.io' };
const KCP = {
  kind: 'KubeadmControlPlane',
  group: 'controlplane.cluster.x-k8s.io',
};
const MHC = { kind: 'MachineHealthCheck', group: 'cluster.x-k8s.io' };

/** A management cluster's objects, keyed by resource. */
function reader(objects: Record<string, KubeObject[]> = {}): AdmissionReader {
  return {
    list: (resource, namespace) =>
      (objects[resource] ?? []).filter(
        o => !namespace || o.metadata.namespace === namespace,
      ),
    get: (resource, namespace, name) =>
      (objects[resource] ?? []).find(
        o => o.metadata.name === name && o.metadata.namespace === namespace,
      ),
  };
}

function refusal(run: () => void): KubeStatusError {
  try {
    run();
  } catch (error) {
    if (error instanceof KubeStatusError) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

function topologyCluster(version: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { name: 'shop', namespace: 'team-a' },
    spec: {
      controlPlaneRef: {
        apiGroup: 'controlplane.cluster.x-k8s.io',
        kind: 'KubeadmControlPlane',
        name: 'shop-cp',
      },
      infrastructureRef: {
        apiGroup: 'infrastructure.cluster.x-k8s.io',
        kind: 'DevCluster',
        name: 'shop',
      },
      topology: { classRef: { name: 'standard' }, version, ...extra },
    },
  } as KubeObject;
}

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

describe('admission: other Cluster rules', () => {
  const r = reader();
  it('refuses removing the topology or the references, and adding a class later', () => {
    const old = topologyCluster('v1.33.4');
    const bare = { ...old, spec: {} } as KubeObject;
    const error = refusal(() =>
      admit(CLUSTER, { object: bare, oldObject: old, reader: r }),
    );
    expect(error.message).toContain(
      'spec.infrastructureRef: Forbidden: cannot be removed',
    );
    expect(error.message).toContain(
      'spec.controlPlaneRef: Forbidden: cannot be removed',
    );
    expect(error.message).toContain(
      'spec: Forbidden: one of spec.controlPlaneRef, spec.infrastructureRef or spec.topology must be set',
    );
    expect(error.message).toContain(
      'spec.topology: Forbidden: cannot be removed from an existing Cluster',
    );
    const classic = {
      ...old,
      spec: { ...old.spec, topology: undefined },
    } as KubeObject;
    expect(
      refusal(() =>
        admit(CLUSTER, { object: old, oldObject: classic, reader: r }),
      ).message,
    ).toContain(
      'spec.topology.class: Forbidden: classRef cannot be set on an existing Cluster',
    );
  });

  it('refuses bad CIDR blocks, versions, classes and names on create', () => {
    const object = topologyCluster('1.33.4');
    object.spec!.clusterNetwork = {
      pods: { cidrBlocks: ['192.168.0.0/16', '10.0.0.0/33'] },
      services: { cidrBlocks: ['fd00::/200', 'not-a-cidr'] },
    };
    const error = refusal(() => admit(CLUSTER, { object, reader: r }));
    for (const expected of [
      'spec.clusterNetwork.pods.cidrBlocks[1]: Invalid value: "10.0.0.0/33": invalid CIDR address: 10.0.0.0/33',
      'spec.clusterNetwork.services.cidrBlocks[0]',
      'spec.clusterNetwork.services.cidrBlocks[1]',
      'spec.topology.version: Invalid value: "1.33.4": must start with v',
    ]) {
      expect(error.message).toContain(expected);
    }
    expect(error.message).not.toContain('cidrBlocks[0]: Invalid value: "192');

    const noClass = topologyCluster('v1.33.4', { classRef: { name: '' } });
    expect(
      refusal(() => admit(CLUSTER, { object: noClass, reader: r })).message,
    ).toContain(
      'spec.topology.class: Required value: classRef.name cannot be empty',
    );
    const long = topologyCluster('v1.33.4');
    long.metadata.name = 'c'.repeat(64);
    expect(
      refusal(() => admit(CLUSTER, { object: long, reader: r })).message,
    ).toContain(
      'must be a valid label value must be no more than 63 characters',
    );
    const concurrency = topologyCluster('v1.33.4');
    concurrency.metadata.annotations = {
      'topology.cluster.x-k8s.io/upgrade-concurrency': '0',
    };
    expect(
      refusal(() => admit(CLUSTER, { object: concurrency, reader: r })).message,
    ).toContain('value cannot be less than 1');
    expect(() =>
      admit(CLUSTER, { object: topologyCluster('v1.33.4'), reader: r }),
    ).not.toThrow();
  });
});

function machineDeployment(
  overrides: Record<string, unknown> = {},
): KubeObject {
  return {
    kind: 'MachineDeployment',
    metadata: { name: 'shop-workers', namespace: 'team-a' },
    spec: {
      clusterName: 'shop',
      replicas: 2,
      selector: { matchLabels: { pool: 'workers' } },
      template: {
        metadata: { labels: { pool: 'workers' } },
        spec: {
          clusterName: 'shop',
          version: 'v1.33.4',
          bootstrap: { configRef: { name: 'shop-workers' } },
        },
      },
      ...overrides,
    },
  };
}

describe('admission: MachineDeployment', () => {
  const r = reader();
  it('admits a valid pool and a replica change', () => {
    expect(() =>
      admit(MD, { object: machineDeployment(), reader: r }),
    ).not.toThrow();
    expect(() =>
      admit(MD, {
        object: machineDeployment({ replicas: 5 }),
        oldObject: machineDeployment(),
        reader: r,
      }),
    ).not.toThrow();
  });

  it('keeps clusterName immutable and in step with the template', () => {
    const moved = machineDeployment({ clusterName: 'other' });
    const error = refusal(() =>
      admit(MD, { object: moved, oldObject: machineDeployment(), reader: r }),
    );
    expect(error.message).toMatch(
      /^admission webhook "validation\.machinedeployment\.cluster\.x-k8s\.io" denied the request: MachineDeployment\.cluster\.x-k8s\.io "shop-workers" is invalid: \[/,
    );
    expect(error.message).toContain(
      'spec.clusterName: Forbidden: field is immutable',
    );
    expect(error.message).toContain(
      'spec.clusterName and spec.template.spec.clusterName must be set to the same value',
    );
  });

  it('refuses template labels outside the selector, no bootstrap, zero surge and unavailability, bad versions', () => {
    const spec = machineDeployment().spec as Record<string, any>;
    const bad = machineDeployment({
      selector: { matchLabels: { pool: 'other' } },
      rollout: {
        strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
      },
      template: {
        ...spec.template,
        spec: { clusterName: 'shop', version: 'v1.33', bootstrap: {} },
      },
    });
    const error = refusal(() => admit(MD, { object: bad, reader: r }));
    for (const expected of [
      'spec.template.metadata.labels: Forbidden: must match spec.selector "pool=other"',
      'spec.template.spec.bootstrap: Required value',
      'maxUnavailable and maxSurge cannot both be 0',
      'spec.template.spec.version: Invalid value: "v1.33": must be a valid semantic version',
    ]) {
      expect(error.message).toContain(expected);
    }
  });
});

function kcp(
  replicas: unknown,
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    kind: 'KubeadmControlPlane',
    metadata: { name: 'shop-cp', namespace: 'team-a' },
    spec: {
      replicas,
      version: 'v1.33.4',
      machineTemplate: {
        spec: {
          infrastructureRef: {
            apiGroup: 'infrastructure.cluster.x-k8s.io',
            kind: 'DevMachineTemplate',
            name: 'shop-cp',
          },
        },
      },
      ...extra,
    },
  };
}

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

describe('admission: MachineHealthCheck and names', () => {
  const r = reader();
  const mhc = (
    clusterName: string,
    matchLabels: Record<string, string>,
  ): KubeObject => ({
    kind: 'MachineHealthCheck',
    metadata: { name: 'shop-workers', namespace: 'team-a' },
    spec: { clusterName, selector: { matchLabels } },
  });

  it('keeps clusterName immutable and the selector non-empty and on that cluster', () => {
    expect(() =>
      admit(MHC, { object: mhc('shop', { pool: 'a' }), reader: r }),
    ).not.toThrow();
    expect(
      refusal(() =>
        admit(MHC, {
          object: mhc('other', { pool: 'a' }),
          oldObject: mhc('shop', { pool: 'a' }),
          reader: r,
        }),
      ).message,
    ).toContain('spec.clusterName: Forbidden: field is immutable');
    expect(
      refusal(() => admit(MHC, { object: mhc('shop', {}), reader: r })).message,
    ).toContain('spec.selector: Required value: selector must not be empty');
    expect(
      refusal(() =>
        admit(MHC, {
          object: mhc('shop', { 'cluster.x-k8s.io/cluster-name': 'other' }),
          reader: r,
        }),
      ).message,
    ).toContain(
      'cannot specify a cluster selector other than the one specified by ClusterName',
    );
  });

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
