import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import { startSimulator } from '../simulator';
import { waitFor } from '../__testUtils__/kubeRequest';
import { KubeObject, Simulator } from '../types';
import {
  machineSetPreflight,
  SKIP_PREFLIGHT_CHECKS_ANNOTATION,
} from './machineSetPreflight';

jest.setTimeout(30_000);

const kubeadm = {
  apiGroup: 'bootstrap.cluster.x-k8s.io',
  kind: 'KubeadmConfigTemplate',
  name: 'workers',
};

function controlPlane(spec: string, running: string[]): KubeObject {
  return {
    kind: 'KubeadmControlPlane',
    metadata: { name: 'shop-cp', namespace: 'team-a' },
    spec: { version: spec },
    status: running.length
      ? {
          version: [...running].sort()[0],
          versions: [...new Set(running)].map(version => ({
            version,
            replicas: running.filter(v => v === version).length,
          })),
        }
      : {},
  };
}

function machineSet(version: string, annotations?: Record<string, string>) {
  return {
    metadata: { name: 'shop-md-0-abc', namespace: 'team-a', annotations },
    spec: {
      template: { spec: { version, bootstrap: { configRef: kubeadm } } },
    },
  } as KubeObject;
}

const classic: KubeObject = {
  metadata: { name: 'shop', namespace: 'team-a' },
  spec: {},
};

describe('machineSetPreflight (CAPI v1.14 MachineSet preflight checks)', () => {
  it('holds workers newer than the control plane: kubelet never newer than kube-apiserver', () => {
    const held = machineSetPreflight({
      cluster: classic,
      controlPlane: controlPlane('v1.32.6', ['v1.32.6']),
      machineSet: machineSet('v1.33.2'),
    });
    expect(held).toEqual([
      'MachineSet version (1.33.2) and ControlPlane version (1.32.6) do not conform to the kubernetes version skew policy as MachineSet version is higher than ControlPlane version ("KubernetesVersionSkew" preflight check failed)',
      'MachineSet version (1.33.2) and ControlPlane version (1.32.6) do not conform to kubeadm version skew policy as kubeadm only supports joining with the same major+minor version as the control plane ("KubeadmVersionSkew" preflight check failed)',
    ]);
  });

  it('lets a worker of the same minor (another patch) go ahead', () => {
    expect(
      machineSetPreflight({
        cluster: classic,
        controlPlane: controlPlane('v1.32.6', ['v1.32.6']),
        machineSet: machineSet('v1.32.4'),
      }),
    ).toEqual([]);
  });

  it('holds new workers while the control plane is provisioning or upgrading', () => {
    expect(
      machineSetPreflight({
        cluster: classic,
        controlPlane: controlPlane('v1.33.2', []),
        machineSet: machineSet('v1.33.2'),
      }),
    ).toEqual([
      'KubeadmControlPlane team-a/shop-cp is provisioning ("ControlPlaneIsStable" preflight check failed)',
    ]);
    // The right one-step upgrade (control plane and workers in one commit):
    // the workers wait until every control plane machine runs the new version.
    expect(
      machineSetPreflight({
        cluster: classic,
        controlPlane: controlPlane('v1.33.2', ['v1.32.6', 'v1.33.2']),
        machineSet: machineSet('v1.33.2'),
      }),
    ).toEqual([
      'KubeadmControlPlane team-a/shop-cp is upgrading ("ControlPlaneIsStable" preflight check failed)',
    ]);
  });

  it('holds workers more than 3 minors older than the control plane', () => {
    const held = machineSetPreflight({
      cluster: classic,
      controlPlane: controlPlane('v1.33.2', ['v1.33.2']),
      machineSet: {
        ...machineSet('v1.29.9'),
        spec: { template: { spec: { version: 'v1.29.9' } } },
      },
    });
    expect(held).toEqual([
      expect.stringContaining(
        'MachineSet version is more than 3 minor versions older than the ControlPlane version ("KubernetesVersionSkew"',
      ),
    ]);
  });

  it("holds a topology cluster's workers until the control plane has the topology version, then until they have it too", () => {
    const topology = (version: string): KubeObject => ({
      metadata: { name: 'shop', namespace: 'team-a' },
      spec: { topology: { version } },
    });
    expect(
      machineSetPreflight({
        cluster: topology('v1.33.2'),
        controlPlane: controlPlane('v1.32.6', ['v1.32.6']),
        machineSet: machineSet('v1.32.6'),
      }),
    ).toEqual([
      'KubeadmControlPlane team-a/shop-cp has a pending version upgrade to v1.33.2 ("ControlPlaneIsStable" preflight check failed)',
    ]);
    expect(
      machineSetPreflight({
        cluster: topology('v1.33.2'),
        controlPlane: controlPlane('v1.33.2', ['v1.33.2']),
        machineSet: machineSet('v1.33.1'),
      }),
    ).toEqual([
      'MachineSet version (1.33.1) is not yet the same as the ControlPlane version (1.33.2), waiting for version to be propagated to the MachineSet ("ControlPlaneVersionSkew" preflight check failed)',
    ]);
  });

  it('skips the checks a MachineSet opts out of', () => {
    const input = {
      cluster: classic,
      controlPlane: controlPlane('v1.32.6', ['v1.32.6']),
    };
    expect(
      machineSetPreflight({
        ...input,
        machineSet: machineSet('v1.33.2', {
          [SKIP_PREFLIGHT_CHECKS_ANNOTATION]: 'All',
        }),
      }),
    ).toEqual([]);
    expect(
      machineSetPreflight({
        ...input,
        machineSet: machineSet('v1.33.2', {
          [SKIP_PREFLIGHT_CHECKS_ANNOTATION]: 'KubeadmVersionSkew',
        }),
      }),
    ).toEqual([expect.stringContaining('"KubernetesVersionSkew"')]);
  });
});

const MACHINES = 'machines.cluster.x-k8s.io';
const MACHINE_SETS = 'machinesets.cluster.x-k8s.io';
const MDS = 'machinedeployments.cluster.x-k8s.io';
const KCPS = 'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io';
const CLUSTERS = 'clusters.cluster.x-k8s.io';

describe('a classic cluster whose workers are upgraded past the control plane', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['mc-skew'],
      timeScale: 400,
      patchSimulation: false,
    });
  });
  afterAll(() => sim.stop());

  it('holds the rollout as CAPI does, and lets it go once the control plane has the version', async () => {
    const mc = sim.get('mc-skew');
    const infra = (name: string) => ({
      apiGroup: 'infrastructure.cluster.x-k8s.io',
      kind: 'AWSMachineTemplate',
      name,
    });
    mc.store.create(KCPS, {
      metadata: { name: 'shop-cp', namespace: 'team-a' },
      spec: {
        replicas: 1,
        version: 'v1.32.6',
        machineTemplate: { spec: { infrastructureRef: infra('shop-cp') } },
      },
    });
    const md = mc.store.create(MDS, {
      metadata: { name: 'shop-md-0', namespace: 'team-a' },
      spec: {
        clusterName: 'shop',
        replicas: 2,
        template: {
          spec: {
            clusterName: 'shop',
            version: 'v1.32.6',
            bootstrap: { configRef: kubeadm },
            infrastructureRef: infra('shop-md-0'),
          },
        },
      },
    });
    mc.store.create(CLUSTERS, {
      metadata: { name: 'shop', namespace: 'team-a' },
      spec: {
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          name: 'shop-cp',
        },
        infrastructureRef: {
          apiGroup: 'infrastructure.cluster.x-k8s.io',
          kind: 'AWSCluster',
          name: 'shop',
        },
      },
    });
    const machines = () =>
      mc.store
        .list(MACHINES, 'team-a')
        .filter(m => m.metadata.labels?.[CAPI_LABELS.clusterName] === 'shop');
    const running = (version: string) =>
      machines().filter(
        m => m.spec?.version === version && m.status?.phase === 'Running',
      ).length;
    await waitFor(() => running('v1.32.6') === 3, {
      message: 'shop did not come up on v1.32.6',
    });

    // The wrong one-step upgrade: the workers to v1.33, the control plane left on v1.32.
    mc.store.update(MDS, {
      ...md,
      ...mc.store.get(MDS, 'team-a', 'shop-md-0'),
      spec: {
        ...(md.spec as object),
        template: {
          spec: {
            ...((md.spec as any).template.spec as object),
            version: 'v1.33.2',
          },
        },
      },
    });
    const newSet = () =>
      mc.store
        .list(MACHINE_SETS, 'team-a')
        .find(
          ms =>
            ms.metadata.labels?.[CAPI_LABELS.deploymentName] === 'shop-md-0' &&
            (ms.spec as any)?.template?.spec?.version === 'v1.33.2',
        );
    await waitFor(
      () =>
        /is blocked because/.test(
          (newSet()?.status as any)?.conditions?.find(
            (c: any) => c.type === 'ScalingUp',
          )?.message ?? '',
        ),
      { message: 'the new MachineSet did not say its scale-up is held' },
    );
    // Give the reconciler time to (wrongly) roll: nothing of v1.33 appears.
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(machines().filter(m => m.spec?.version === 'v1.33.2')).toEqual([]);
    expect(running('v1.32.6')).toBe(3);
    const scalingUp = (newSet()?.status as any).conditions.find(
      (c: any) => c.type === 'ScalingUp',
    );
    expect(scalingUp.message).toBe(
      [
        'Scaling up from 0 to 2 replicas is blocked because:',
        '* MachineSet version (1.33.2) and ControlPlane version (1.32.6) do not conform to the kubernetes version skew policy as MachineSet version is higher than ControlPlane version ("KubernetesVersionSkew" preflight check failed)',
        '* MachineSet version (1.33.2) and ControlPlane version (1.32.6) do not conform to kubeadm version skew policy as kubeadm only supports joining with the same major+minor version as the control plane ("KubeadmVersionSkew" preflight check failed)',
      ].join('\n'),
    );
    expect(
      (newSet()?.status as any).deprecated.v1beta1.conditions,
    ).toContainEqual(
      expect.objectContaining({
        type: 'MachinesCreated',
        status: 'False',
        reason: 'PreflightCheckFailed',
      }),
    );

    // The control plane follows: it upgrades first, then the workers roll.
    const kcp = mc.store.get(KCPS, 'team-a', 'shop-cp')!;
    mc.store.update(KCPS, {
      ...kcp,
      spec: { ...(kcp.spec as object), version: 'v1.33.2' },
    });
    await waitFor(() => running('v1.33.2') === 3 && machines().length === 3, {
      message: 'the upgrade did not finish once the control plane had v1.33',
    });
  });
});
