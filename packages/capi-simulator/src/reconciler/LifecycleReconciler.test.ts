import {
  CAPI_ANNOTATIONS,
  CAPI_LABELS,
  DEFAULT_PATCH_ANNOTATIONS,
} from '@capstan/plugin-capi-common';
import { startSimulator } from '../simulator';
import { kubeRequest, openWatch, waitFor } from '../__testUtils__/kubeRequest';
import { KubeObject, SimulatedManagementCluster, Simulator } from '../types';

// Real HTTPS, git and child processes: leave room for a loaded CI machine.
jest.setTimeout(30_000);

const CLUSTERS = 'clusters.cluster.x-k8s.io';
const MACHINES = 'machines.cluster.x-k8s.io';
const MDS = 'machinedeployments.cluster.x-k8s.io';
const KCPS = 'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io';

function topologyCluster(
  name: string,
  version: string,
  workers: Array<{
    name: string;
    replicas?: number;
    annotations?: Record<string, string>;
  }>,
  cpReplicas = 1,
): KubeObject {
  return {
    metadata: { name, namespace: 'team-a' },
    spec: {
      topology: {
        classRef: { name: 'vsphere-standard' },
        version,
        controlPlane: { replicas: cpReplicas },
        workers: {
          machineDeployments: workers.map(w => ({
            class: 'default-worker',
            name: w.name,
            ...(w.replicas !== undefined ? { replicas: w.replicas } : {}),
            ...(w.annotations
              ? { metadata: { annotations: w.annotations } }
              : {}),
          })),
        },
      },
    },
  };
}

function machinesOf(mc: SimulatedManagementCluster, cluster: string) {
  return mc.store
    .list(MACHINES, 'team-a')
    .filter(m => m.metadata.labels?.[CAPI_LABELS.clusterName] === cluster);
}

function condition(obj: KubeObject | undefined, type: string) {
  return (obj?.status as any)?.conditions?.find((c: any) => c.type === type)
    ?.status;
}

describe('LifecycleReconciler', () => {
  let sim: Simulator;

  beforeAll(async () => {
    // 400x: a 10 s step takes 25 ms.
    sim = await startSimulator({
      managementClusters: ['mc-r'],
      timeScale: 400,
      patchSimulation: false,
    });
  });

  afterAll(() => sim.stop());

  it('provisions a topology cluster: control plane, pools and running machines with node info', async () => {
    const mc = sim.get('mc-r');
    // Watches see every step, however fast the simulation runs.
    const clusterWatch = openWatch(
      mc,
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/team-a/clusters?watch=true',
    );
    const machineWatch = openWatch(
      mc,
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/team-a/machines?watch=true',
    );
    await Promise.all([clusterWatch.started, machineWatch.started]);
    const created = await kubeRequest(
      mc,
      'POST',
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/team-a/clusters',
      {
        body: {
          apiVersion: 'cluster.x-k8s.io/v1beta2',
          kind: 'Cluster',
          ...topologyCluster('demo', 'v1.33.2', [
            { name: 'md-0', replicas: 2 },
          ]),
        },
      },
    );
    expect(created.status).toBe(201);
    await waitFor(
      () =>
        condition(mc.store.get(CLUSTERS, 'team-a', 'demo'), 'Available') ===
        'True',
      {
        message: 'cluster did not become Available',
      },
    );
    clusterWatch.close();
    machineWatch.close();
    // Progress was visible on the way.
    const distinct = (values: unknown[]) =>
      values.filter((v, i) => v !== undefined && v !== values[i - 1]);
    expect(
      distinct(clusterWatch.events.map(e => e.object.status?.phase)),
    ).toEqual(['Provisioning', 'Provisioned']);
    const firstMachine = machineWatch.events[0].object.metadata.name;
    expect(
      distinct(
        machineWatch.events
          .filter(e => e.object.metadata.name === firstMachine)
          .map(e => e.object.status?.phase),
      ),
    ).toEqual(['Pending', 'Provisioning', 'Provisioned', 'Running']);
    const cluster = mc.store.get(CLUSTERS, 'team-a', 'demo')!;
    expect(cluster.status).toMatchObject({
      phase: 'Provisioned',
      initialization: {
        infrastructureProvisioned: true,
        controlPlaneInitialized: true,
      },
      controlPlane: {
        desiredReplicas: 1,
        availableReplicas: 1,
        upToDateReplicas: 1,
      },
      workers: {
        desiredReplicas: 2,
        availableReplicas: 2,
        upToDateReplicas: 2,
      },
    });
    const machines = machinesOf(mc, 'demo');
    expect(machines).toHaveLength(3);
    for (const machine of machines) {
      expect(machine.status).toMatchObject({
        phase: 'Running',
        nodeRef: { name: machine.metadata.name },
        nodeInfo: {
          kubeletVersion: 'v1.33.2',
          osImage: expect.any(String),
          kernelVersion: expect.any(String),
        },
        addresses: expect.arrayContaining([
          expect.objectContaining({ type: 'InternalIP' }),
        ]),
      });
      expect(
        machine.metadata.annotations?.[DEFAULT_PATCH_ANNOTATIONS.lastPatched],
      ).toBeDefined();
    }
    const cp = machines.filter(
      m => m.metadata.labels?.[CAPI_LABELS.controlPlane] !== undefined,
    );
    expect(cp).toHaveLength(1);
    expect(
      Date.parse(cp[0].status!.certificatesExpiryDate as string),
    ).toBeGreaterThan(Date.now());
    const workers = machines.filter(
      m => m.metadata.labels?.[CAPI_LABELS.deploymentName],
    );
    expect(workers).toHaveLength(2);
  });

  it('scales a pool, then rolls the control plane before the workers on a version change', async () => {
    const mc = sim.get('mc-r');
    const cluster = mc.store.get(CLUSTERS, 'team-a', 'demo')!;
    const topology = (cluster.spec as any).topology;
    topology.workers.machineDeployments[0].replicas = 3;
    mc.store.update(CLUSTERS, cluster);
    await waitFor(
      () =>
        machinesOf(mc, 'demo').filter(m => m.status?.phase === 'Running')
          .length === 4,
    );

    // The order in which machines reach the new version, from a watch (ordered by resourceVersion).
    const rv = (
      await kubeRequest(mc, 'GET', '/apis/cluster.x-k8s.io/v1beta2/machines')
    ).json.metadata.resourceVersion;
    const watch = openWatch(
      mc,
      `/apis/cluster.x-k8s.io/v1beta2/namespaces/team-a/machines?watch=true&resourceVersion=${rv}`,
    );
    await watch.started;
    const order = () => {
      const seen = new Set<string>();
      const result: string[] = [];
      for (const { object: m } of watch.events) {
        if (
          m.spec?.version === 'v1.34.0' &&
          m.status?.phase === 'Running' &&
          !seen.has(m.metadata.name)
        ) {
          seen.add(m.metadata.name);
          result.push(
            m.metadata.labels?.[CAPI_LABELS.controlPlane] !== undefined
              ? 'cp'
              : 'worker',
          );
        }
      }
      return result;
    };
    mc.store.mergePatch(CLUSTERS, 'team-a', 'demo', {
      spec: { topology: { version: 'v1.34.0' } },
    });
    await waitFor(
      () => {
        const machines = machinesOf(mc, 'demo');
        return (
          machines.length === 4 &&
          machines.every(
            m => m.spec?.version === 'v1.34.0' && m.status?.phase === 'Running',
          )
        );
      },
      { timeoutMs: 20_000, message: 'upgrade did not finish' },
    );
    await waitFor(
      () =>
        condition(mc.store.get(CLUSTERS, 'team-a', 'demo'), 'RollingOut') ===
        'False',
    );
    await waitFor(() => order().length === 4);
    watch.close();
    expect(order()).toEqual(['cp', 'worker', 'worker', 'worker']);
    const kcp = mc.store
      .list(KCPS, 'team-a')
      .find(k => k.metadata.labels?.[CAPI_LABELS.clusterName] === 'demo')!;
    expect(kcp.status).toMatchObject({
      version: 'v1.34.0',
      upToDateReplicas: 1,
    });
  });

  it('keeps autoscaled pools within their min and max annotations', async () => {
    const mc = sim.get('mc-r');
    mc.store.create(
      CLUSTERS,
      topologyCluster('scaled', 'v1.33.2', [
        {
          name: 'auto',
          annotations: {
            [CAPI_ANNOTATIONS.autoscalerMin]: '2',
            [CAPI_ANNOTATIONS.autoscalerMax]: '4',
          },
        },
      ]),
    );
    const md = () =>
      mc.store
        .list(MDS, 'team-a')
        .find(d => d.metadata.labels?.[CAPI_LABELS.clusterName] === 'scaled');
    await waitFor(() => md()?.spec?.replicas === 2);
    mc.store.mergePatch(MDS, 'team-a', md()!.metadata.name, {
      spec: { replicas: 9 },
    });
    await waitFor(() => md()?.spec?.replicas === 4, {
      message: 'replicas not clamped to max',
    });
    await waitFor(
      () =>
        machinesOf(mc, 'scaled').filter(
          m => m.metadata.labels?.[CAPI_LABELS.deploymentName],
        ).length === 4,
    );
    expect(md()?.metadata.annotations?.[CAPI_ANNOTATIONS.autoscalerMax]).toBe(
      '4',
    );
  });

  it('deletes a topology cluster with everything it owns', async () => {
    const mc = sim.get('mc-r');
    expect(machinesOf(mc, 'scaled').length).toBeGreaterThan(0);
    const deleted = await kubeRequest(
      mc,
      'DELETE',
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/team-a/clusters/scaled',
    );
    expect(deleted.status).toBe(200);
    await waitFor(() => machinesOf(mc, 'scaled').length === 0);
    const owned = (resource: string) =>
      mc.store
        .list(resource, 'team-a')
        .filter(o => o.metadata.labels?.[CAPI_LABELS.clusterName] === 'scaled');
    expect(owned(MDS)).toEqual([]);
    expect(owned('machinesets.cluster.x-k8s.io')).toEqual([]);
    expect(owned(KCPS)).toEqual([]);
  });

  it('reconciles classic-mode manifests and deletes machines with their cluster', async () => {
    const mc = sim.get('mc-r');
    mc.store.create(KCPS, {
      metadata: { name: 'classic-cp', namespace: 'team-a' },
      spec: {
        replicas: 1,
        version: 'v1.32.6',
        machineTemplate: {
          spec: {
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'AWSMachineTemplate',
              name: 'classic-cp',
            },
          },
        },
      },
    });
    mc.store.create(MDS, {
      metadata: { name: 'classic-md-0', namespace: 'team-a' },
      spec: {
        clusterName: 'classic',
        replicas: 2,
        template: {
          spec: {
            clusterName: 'classic',
            version: 'v1.32.6',
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'AWSMachineTemplate',
              name: 'classic-md-0',
            },
          },
        },
      },
    });
    mc.store.create(CLUSTERS, {
      metadata: { name: 'classic', namespace: 'team-a' },
      spec: {
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          name: 'classic-cp',
        },
        infrastructureRef: {
          apiGroup: 'infrastructure.cluster.x-k8s.io',
          kind: 'AWSCluster',
          name: 'classic',
        },
      },
    });
    await waitFor(
      () =>
        condition(mc.store.get(CLUSTERS, 'team-a', 'classic'), 'Available') ===
        'True',
      {
        message: 'classic cluster did not become Available',
      },
    );
    const machines = machinesOf(mc, 'classic');
    expect(machines).toHaveLength(3);
    expect(
      machines.every(m => String(m.spec?.providerID).startsWith('aws://')),
    ).toBe(true);

    mc.store.delete(CLUSTERS, 'team-a', 'classic');
    await waitFor(() => machinesOf(mc, 'classic').length === 0);
    expect(mc.store.get(KCPS, 'team-a', 'classic-cp')).toBeUndefined();
    expect(mc.store.get(MDS, 'team-a', 'classic-md-0')).toBeUndefined();
  });

  it('reports a degraded node through machine and cluster conditions', async () => {
    const mc = sim.get('mc-r');
    const worker = machinesOf(mc, 'demo').find(
      m => m.metadata.labels?.[CAPI_LABELS.deploymentName],
    )!;
    mc.store.mergePatch(MACHINES, 'team-a', worker.metadata.name, {
      metadata: {
        annotations: {
          'capi-simulator.capstan.dev/unhealthy':
            'NodeConditionsFailed: Node is reporting MemoryPressure',
        },
      },
    });
    await waitFor(
      () =>
        condition(mc.store.get(CLUSTERS, 'team-a', 'demo'), 'Available') ===
        'False',
    );
    const machine = mc.store.get(MACHINES, 'team-a', worker.metadata.name)!;
    const healthy = (machine.status as any).conditions.find(
      (c: any) => c.type === 'NodeHealthy',
    );
    expect(healthy).toMatchObject({
      status: 'False',
      reason: 'NodeConditionsFailed',
      message: 'Node is reporting MemoryPressure',
    });
    const cluster = mc.store.get(CLUSTERS, 'team-a', 'demo')!;
    const available = (cluster.status as any).conditions.find(
      (c: any) => c.type === 'Available',
    );
    expect(available.message).toContain('MemoryPressure');
  });
});
