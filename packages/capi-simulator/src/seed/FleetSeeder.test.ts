import {
  CAPI_ANNOTATIONS,
  CAPI_LABELS,
  CLUSTER_ANNOTATIONS,
  CLUSTER_LABELS,
  DEFAULT_PATCH_ANNOTATIONS,
} from '@capstan/plugin-capi-common';
import { startSimulator } from '../simulator';
import { kubeRequest, waitFor } from '../__testUtils__/kubeRequest';
import { KubeObject, Simulator } from '../types';

// Real HTTPS, git and child processes: leave room for a loaded CI machine.
jest.setTimeout(30_000);

const CLUSTERS = 'clusters.cluster.x-k8s.io';
const MACHINES = 'machines.cluster.x-k8s.io';

function condition(obj: KubeObject, type: string) {
  return (obj.status as any)?.conditions?.find((c: any) => c.type === type);
}

describe('fleet seeding', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: 3,
      seedClusters: 300,
      seed: 7,
      reconcile: false,
      patchSimulation: false,
    });
  });

  afterAll(() => sim.stop());

  it('spreads clusters over mc-1..mc-N, deterministically for a seed', async () => {
    expect(sim.managementClusters.map(m => m.name)).toEqual([
      'mc-1',
      'mc-2',
      'mc-3',
    ]);
    for (const mc of sim.managementClusters) {
      expect(mc.store.list(CLUSTERS)).toHaveLength(100);
    }
    const again = await startSimulator({
      managementClusters: 3,
      seedClusters: 300,
      seed: 7,
      reconcile: false,
      patchSimulation: false,
    });
    const other = await startSimulator({
      managementClusters: 3,
      seedClusters: 300,
      seed: 8,
      reconcile: false,
      patchSimulation: false,
    });
    try {
      const fingerprint = (s: Simulator) =>
        s
          .get('mc-2')
          .store.list(MACHINES)
          .map(
            m =>
              `${m.metadata.namespace}/${m.metadata.name}/${m.metadata.uid}/${m.spec?.version}`,
          );
      expect(fingerprint(again)).toEqual(fingerprint(sim));
      expect(fingerprint(other)).not.toEqual(fingerprint(sim));
    } finally {
      await again.stop();
      await other.stop();
    }
  });

  it('labels and annotates clusters with owners, entities, profiles and GitOps paths', () => {
    const clusters = sim.managementClusters.flatMap(mc =>
      mc.store.list(CLUSTERS),
    );
    const owners = new Set(
      clusters.map(c => c.metadata.labels?.[CLUSTER_LABELS.owner]),
    );
    expect([...owners].sort()).toEqual([
      'team-checkout',
      'team-data',
      'team-payments',
      'team-platform',
      'team-search',
    ]);
    for (const cluster of clusters) {
      const { labels, annotations, namespace, name } = cluster.metadata;
      expect(labels?.[CLUSTER_LABELS.entityKind]).toBe('component');
      expect(annotations?.[CLUSTER_ANNOTATIONS.ownerRef]).toBe(
        `group:default/${labels?.[CLUSTER_LABELS.owner]}`,
      );
      expect(annotations?.[CLUSTER_ANNOTATIONS.entityRef]).toBe(
        `component:default/${labels?.[CLUSTER_LABELS.entityName]}`,
      );
      expect(annotations?.[CLUSTER_ANNOTATIONS.gitopsPath]).toMatch(
        new RegExp(`^clusters/mc-\\d/${namespace}/${name}$`),
      );
      expect(labels?.[CLUSTER_LABELS.profile]).toMatch(/-(prod|staging|dev)$/);
    }
    const topology = clusters.filter(c => (c.spec as any).topology);
    expect(topology.length).toBeGreaterThan(200);
    expect(clusters.length - topology.length).toBeGreaterThan(10); // some classic-mode clusters
  });

  it('produces a realistic mix of states', () => {
    const clusters = sim.managementClusters.flatMap(mc =>
      mc.store.list(CLUSTERS),
    );
    const available = clusters.filter(
      c => condition(c, 'Available')?.status === 'True',
    );
    const rolling = clusters.filter(
      c => condition(c, 'RollingOut')?.status === 'True',
    );
    const degraded = clusters.filter(
      c =>
        condition(c, 'Available')?.status === 'False' &&
        /MemoryPressure|DiskPressure|kubelet/.test(
          condition(c, 'Available')?.message ?? '',
        ),
    );
    const provisioning = clusters.filter(
      c => condition(c, 'ControlPlaneInitialized')?.status === 'False',
    );
    expect(available.length / clusters.length).toBeGreaterThan(0.6);
    expect(rolling.length).toBeGreaterThan(5);
    expect(degraded.length).toBeGreaterThan(5);
    expect(provisioning.length).toBeGreaterThan(5);
    for (const cluster of degraded) {
      expect(condition(cluster, 'Available').reason).toBe('NotAvailable');
    }
    const versions = new Set(
      clusters.map(c => (c.spec as any).topology?.version).filter(Boolean),
    );
    expect(versions.size).toBeGreaterThanOrEqual(3);
    const providers = new Set(
      clusters.map(c => (c.spec as any).infrastructureRef.kind),
    );
    expect(providers).toEqual(
      new Set(['VSphereCluster', 'AWSCluster', 'AzureCluster']),
    );
  });

  it('labels machines and annotates their patch state, with overdue and reboot-required nodes', () => {
    const machines = sim.managementClusters.flatMap(mc =>
      mc.store.list(MACHINES),
    );
    const perCluster = machines.length / 300;
    expect(perCluster).toBeGreaterThan(4);
    expect(perCluster).toBeLessThan(9);
    const now = Date.now();
    let overdue = 0;
    let reboot = 0;
    for (const m of machines) {
      const a = m.metadata.annotations!;
      expect(m.metadata.labels?.[CAPI_LABELS.clusterName]).toBeTruthy();
      const cp = m.metadata.labels?.[CAPI_LABELS.controlPlane] !== undefined;
      expect(cp || !!m.metadata.labels?.[CAPI_LABELS.deploymentName]).toBe(
        true,
      );
      expect(
        Date.parse(a[DEFAULT_PATCH_ANNOTATIONS.lastPatched]),
      ).not.toBeNaN();
      expect(a[DEFAULT_PATCH_ANNOTATIONS.pendingUpdates]).toMatch(/^\d+$/);
      expect(['true', 'false']).toContain(
        a[DEFAULT_PATCH_ANNOTATIONS.rebootRequired],
      );
      const security = Number(
        a[DEFAULT_PATCH_ANNOTATIONS.pendingSecurityUpdates],
      );
      expect(security > 0).toBe(
        a[DEFAULT_PATCH_ANNOTATIONS.securityPendingSince] !== undefined,
      );
      if (
        security > 0 &&
        now - Date.parse(a[DEFAULT_PATCH_ANNOTATIONS.securityPendingSince]) >
          48 * 3600_000
      )
        overdue++;
      if (a[DEFAULT_PATCH_ANNOTATIONS.rebootRequired] === 'true') reboot++;
    }
    expect(overdue / machines.length).toBeGreaterThan(0.02);
    expect(reboot / machines.length).toBeGreaterThan(0.02);
    const mds = sim.managementClusters.flatMap(mc =>
      mc.store.list('machinedeployments.cluster.x-k8s.io'),
    );
    expect(
      mds.some(md => md.metadata.annotations?.[CAPI_ANNOTATIONS.autoscalerMax]),
    ).toBe(true);
  });

  it('serves v1beta1 clients the converted fields: conditions, replica counters, phase', async () => {
    const mc = sim.get('mc-1');
    const stored = mc.store.list(CLUSTERS).find(c => (c.spec as any).topology)!;
    const path = `/apis/cluster.x-k8s.io/v1beta1/namespaces/${stored.metadata.namespace}/clusters/${stored.metadata.name}`;
    const v1 = (await kubeRequest(mc, 'GET', path)).json;
    expect(v1.apiVersion).toBe('cluster.x-k8s.io/v1beta1');
    expect(v1.spec.topology.class).toBe(
      (stored.spec as any).topology.classRef.name,
    );
    expect(v1.spec.controlPlaneRef.apiVersion).toBe(
      'controlplane.cluster.x-k8s.io/v1beta2',
    );
    expect(v1.status.phase).toBe(stored.status!.phase);
    expect(v1.status.v1beta2.conditions).toEqual(
      (stored.status as any).conditions,
    );
    expect(v1.status.conditions.map((c: any) => c.type)).toContain('Ready');
    expect(v1.status.infrastructureReady).toBe(true);
    expect(v1.status.v1beta2.controlPlane).toEqual(
      (stored.status as any).controlPlane,
    );

    const md = mc.store.list('machinedeployments.cluster.x-k8s.io')[0];
    const mdV1 = (
      await kubeRequest(
        mc,
        'GET',
        `/apis/cluster.x-k8s.io/v1beta1/namespaces/${md.metadata.namespace}/machinedeployments/${md.metadata.name}`,
      )
    ).json;
    expect(mdV1.status.updatedReplicas).toBe(
      (md.status as any).upToDateReplicas,
    );
    expect(mdV1.status.v1beta2.upToDateReplicas).toBe(
      (md.status as any).upToDateReplicas,
    );
    expect(mdV1.status.readyReplicas).toBe((md.status as any).readyReplicas);

    const machinesV1 = (
      await kubeRequest(
        mc,
        'GET',
        '/apis/cluster.x-k8s.io/v1beta1/machines?limit=5',
      )
    ).json;
    expect(machinesV1.kind).toBe('MachineList');
    expect(machinesV1.apiVersion).toBe('cluster.x-k8s.io/v1beta1');
    expect(machinesV1.items[0].status.nodeRef).toMatchObject({
      kind: 'Node',
      apiVersion: 'v1',
    });

    // A v1beta1 write lands in the v1beta2 storage shape.
    const created = await kubeRequest(
      mc,
      'POST',
      '/apis/cluster.x-k8s.io/v1beta1/namespaces/team-data/clusters',
      {
        body: {
          apiVersion: 'cluster.x-k8s.io/v1beta1',
          kind: 'Cluster',
          metadata: { name: 'from-v1beta1' },
          spec: { topology: { class: 'vsphere-standard', version: 'v1.33.2' } },
        },
      },
    );
    expect(created.status).toBe(201);
    expect(created.json.spec.topology.class).toBe('vsphere-standard');
    expect(
      (mc.store.get(CLUSTERS, 'team-data', 'from-v1beta1')!.spec as any)
        .topology.classRef,
    ).toEqual({ name: 'vsphere-standard' });
  });

  it('serves only v1beta1 where a management cluster is configured like an older CAPI', async () => {
    const old = await startSimulator({
      managementClusters: [{ name: 'legacy', servedVersions: ['v1beta1'] }],
      reconcile: false,
      patchSimulation: false,
    });
    try {
      const mc = old.get('legacy');
      const group = (await kubeRequest(mc, 'GET', '/apis/cluster.x-k8s.io'))
        .json;
      expect(group.versions.map((v: any) => v.version)).toEqual(['v1beta1']);
      expect(
        (
          await kubeRequest(
            mc,
            'GET',
            '/apis/cluster.x-k8s.io/v1beta2/clusters',
          )
        ).status,
      ).toBe(404);
      expect(
        (
          await kubeRequest(
            mc,
            'GET',
            '/apis/cluster.x-k8s.io/v1beta1/clusters',
          )
        ).status,
      ).toBe(200);
    } finally {
      await old.stop();
    }
  });

  it('hands the reconciler a consistent fleet: rollouts and provisioning finish, then it rests', async () => {
    const live = await startSimulator({
      managementClusters: 1,
      seedClusters: 80,
      seed: 3,
      timeScale: 400,
      patchSimulation: false,
    });
    try {
      const mc = live.get('mc-1');
      const clusters = () => mc.store.list(CLUSTERS);
      expect(
        clusters().some(c => condition(c, 'RollingOut')?.status === 'True'),
      ).toBe(true);
      // Every topology cluster's machines run its topology version.
      const versionsConverged = () =>
        clusters()
          .filter(c => (c.spec as any).topology)
          .every(cluster =>
            mc.store
              .list(MACHINES, cluster.metadata.namespace)
              .filter(
                m =>
                  m.metadata.labels?.[CAPI_LABELS.clusterName] ===
                  cluster.metadata.name,
              )
              .every(
                m => m.spec?.version === (cluster.spec as any).topology.version,
              ),
          );
      await waitFor(
        () =>
          versionsConverged() &&
          clusters().every(
            c =>
              condition(c, 'RollingOut')?.status === 'False' &&
              // Between two pools' turns nothing rolls out, but the topology is not done yet.
              condition(c, 'TopologyReconciled')?.status !== 'False' &&
              condition(c, 'ControlPlaneInitialized')?.status === 'True',
          ) &&
          mc.store
            .list(MACHINES)
            // A replaced machine can be marked for deletion a tick before its phase says so.
            .every(
              m =>
                m.status?.phase === 'Running' && !m.metadata.deletionTimestamp,
            ),
        { message: 'seeded fleet did not settle' },
      );
      for (const cluster of clusters().filter(c => (c.spec as any).topology)) {
        const versions = new Set(
          mc.store
            .list(MACHINES, cluster.metadata.namespace)
            .filter(
              m =>
                m.metadata.labels?.[CAPI_LABELS.clusterName] ===
                cluster.metadata.name,
            )
            .map(m => m.spec?.version),
        );
        expect([...versions]).toEqual([(cluster.spec as any).topology.version]);
      }
      // At rest the reconciler writes nothing, so watchers see no churn.
      const rv = (await kubeRequest(mc, 'GET', '/api/v1/namespaces')).json
        .metadata.resourceVersion;
      await new Promise(resolve => setTimeout(resolve, 300));
      expect(
        (await kubeRequest(mc, 'GET', '/api/v1/namespaces')).json.metadata
          .resourceVersion,
      ).toBe(rv);
    } finally {
      await live.stop();
    }
  });
});
