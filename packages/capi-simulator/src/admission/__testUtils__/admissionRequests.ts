import { KubeStatusError } from '../../server/status';
import { KubeObject } from '../../types';
import { AdmissionReader } from '../types';

export const CLUSTER = { kind: 'Cluster', group: 'cluster.x-k8s.io' };
export const MD = { kind: 'MachineDeployment', group: 'cluster.x-k8s.io' };
export const KCP = {
  kind: 'KubeadmControlPlane',
  group: 'controlplane.cluster.x-k8s.io',
};
export const MHC = { kind: 'MachineHealthCheck', group: 'cluster.x-k8s.io' };

/** A management cluster's objects, keyed by resource. */
export function reader(
  objects: Record<string, KubeObject[]> = {},
): AdmissionReader {
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

/** The `Status` an admission refusal throws; fails the test when the request is admitted. */
export function refusal(run: () => void): KubeStatusError {
  try {
    run();
  } catch (error) {
    if (error instanceof KubeStatusError) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

/** Cluster `team-a/shop` on the `standard` ClusterClass at a Kubernetes version. */
export function topologyCluster(
  version: string,
  extra: Record<string, unknown> = {},
) {
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

/** A KubeadmControlPlane `shop-cp` in namespace team-a (stacked etcd), with `extra` merged into its spec. */
export function kcp(
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
