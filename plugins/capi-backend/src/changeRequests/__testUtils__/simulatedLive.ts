import {
  KubeObject,
  SIMULATED_RESOURCES as R,
  SimulatedManagementCluster,
} from '@capstan/capi-simulator';
import {
  normaliseCluster,
  normaliseKubeadmControlPlane,
  normaliseMachine,
  normaliseMachineDeployment,
} from '../../normalise';
import type { TrimmedMachine, TrimmedPool } from '../../normalise/types';
import { buildClusterSummary } from '../../services/buildClusterSummary';
import type { LiveCluster } from '../liveProgress';

export type Conditions = Array<Record<string, unknown>>;

/**
 * The live cluster as the watch cache would hold it, from what the
 * simulator stores now; `clusterConditions` may hold back a Cluster's
 * conditions, as CAPI's Cluster rolls its pools up a reconcile later.
 */
export function simulatedLive(
  mc: SimulatedManagementCluster,
  namespace: string,
  clusterConditions: (name: string) => Conditions | undefined = () => undefined,
) {
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
