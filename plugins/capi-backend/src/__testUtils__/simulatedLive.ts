import {
  KubeObject,
  SIMULATED_RESOURCES as R,
  SimulatedManagementCluster,
} from '@capstan/capi-simulator';
import type { LiveCluster } from '../changeRequests/liveProgress';
import {
  normaliseCluster,
  normaliseKubeadmControlPlane,
  normaliseMachine,
  normaliseMachineDeployment,
} from '../normalise';
import type { TrimmedMachine, TrimmedPool } from '../normalise/types';
import { buildClusterSummary } from '../services/buildClusterSummary';

export type Conditions = Array<Record<string, unknown>>;

/**
 * The live cluster as the watch cache would hold it, from what the
 * simulator stores now (by `managementCluster/namespace/name`).
 * `clusterConditions` may hold back a Cluster's conditions, as CAPI's
 * Cluster rolls its pools up a reconcile later; `allowedVersions` are the
 * versions its profile allows (upgrade offers).
 */
export function simulatedLive(
  mc: SimulatedManagementCluster,
  namespace: string,
  options: {
    clusterConditions?: (name: string) => Conditions | undefined;
    allowedVersions?: string[];
  } = {},
) {
  const { clusterConditions = () => undefined, allowedVersions } = options;
  return (clusterId: string): LiveCluster => {
    const name = clusterId.split('/')[2];
    const ofCluster = (o: KubeObject) =>
      o.metadata.labels?.['cluster.x-k8s.io/cluster-name'] === name;
    const stored = mc.store.get(R.clusters, namespace, name);
    const held = clusterConditions(name);
    const object =
      stored && held
        ? { ...stored, status: { ...stored.status, conditions: held } }
        : stored;
    const cluster = object && normaliseCluster(object, 'v1beta2');
    if (!cluster) return { synced: true };
    // A classic cluster names its control plane; a topology's carries the label.
    const cpName = (
      stored?.spec as { controlPlaneRef?: { name?: string } } | undefined
    )?.controlPlaneRef?.name;
    const kcp = mc.store
      .list(R.controlPlanes, namespace)
      .find(o => o.metadata.name === cpName || ofCluster(o));
    const summary = buildClusterSummary({
      managementCluster: mc.name,
      apiVersion: 'v1beta2',
      cluster,
      controlPlane: kcp && normaliseKubeadmControlPlane(kcp, 'v1beta2'),
      pools: mc.store
        .list(R.machineDeployments, namespace)
        .filter(
          md =>
            ofCluster(md) ||
            (md.spec as { clusterName?: string }).clusterName === name,
        )
        .map(md => normaliseMachineDeployment(md, 'v1beta2') as TrimmedPool),
      machines: mc.store
        .list(R.machines, namespace)
        .filter(ofCluster)
        .map(m => normaliseMachine(m, 'v1beta2') as TrimmedMachine),
      patchStateOf: () => ({
        state: { state: 'unknown', rebootRequired: false },
        validUntil: Infinity,
      }),
      allowedVersions,
    }).summary;
    const live: LiveCluster = { summary, synced: true };
    if (
      cluster.generation !== undefined &&
      cluster.observedGeneration !== undefined
    ) {
      live.observed = cluster.observedGeneration >= cluster.generation;
    }
    return live;
  };
}

/**
 * Creates a classic cluster (Cluster, KubeadmControlPlane
 * `<name>-control-plane`, one MachineDeployment `<name>-<pool>`) on
 * Kubernetes `version`, as the new-cluster template renders one without a
 * ClusterClass.
 */
export function createClassicCluster(
  mc: SimulatedManagementCluster,
  options: {
    namespace: string;
    name: string;
    version: string;
    pool: string;
    replicas: number;
    infrastructure: 'AWS' | 'VSphere';
  },
) {
  const { namespace, name, version, pool, replicas } = options;
  const infraRef = (kind: string, objectName: string) => ({
    apiGroup: 'infrastructure.cluster.x-k8s.io',
    kind: `${options.infrastructure}${kind}`,
    name: objectName,
  });
  mc.store.create(R.controlPlanes, {
    metadata: { name: `${name}-control-plane`, namespace },
    spec: {
      replicas: 1,
      version,
      machineTemplate: {
        spec: {
          infrastructureRef: infraRef('MachineTemplate', `${name}-cp-a`),
        },
      },
    },
  });
  mc.store.create(R.machineDeployments, {
    metadata: {
      name: `${name}-${pool}`,
      namespace,
      labels: { 'cluster.x-k8s.io/cluster-name': name },
    },
    spec: {
      clusterName: name,
      replicas,
      template: {
        spec: {
          clusterName: name,
          version,
          infrastructureRef: infraRef('MachineTemplate', `${name}-${pool}-a`),
        },
      },
    },
  });
  mc.store.create(R.clusters, {
    metadata: { name, namespace },
    spec: {
      controlPlaneRef: {
        apiGroup: 'controlplane.cluster.x-k8s.io',
        kind: 'KubeadmControlPlane',
        name: `${name}-control-plane`,
      },
      infrastructureRef: infraRef('Cluster', name),
    },
  });
}
