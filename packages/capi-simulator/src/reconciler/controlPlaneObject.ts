import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import { InfrastructureProvider } from '../api/resources';
import { KubeObject } from '../types';
import {
  infrastructureRef,
  KCP_API_VERSION,
  ownerRef,
  suffix,
} from './capiMeta';

/** A new cluster's KubeadmControlPlane, as the topology controller (or a seeded classic cluster) has it. */
export interface ControlPlaneInit {
  name: string;
  namespace: string;
  cluster: KubeObject;
  provider: InfrastructureProvider;
  replicas: number;
  version: string;
  topologyOwned: boolean;
  /** Set by the seeder, which creates objects with fixed identities; the store assigns them otherwise. */
  uid?: string;
  creationTimestamp?: string;
}

export function buildControlPlane(init: ControlPlaneInit): KubeObject {
  const clusterName = init.cluster.metadata.name;
  return {
    apiVersion: KCP_API_VERSION,
    kind: 'KubeadmControlPlane',
    metadata: {
      name: init.name,
      namespace: init.namespace,
      ...(init.uid ? { uid: init.uid } : {}),
      ...(init.creationTimestamp
        ? { creationTimestamp: init.creationTimestamp }
        : {}),
      labels: {
        [CAPI_LABELS.clusterName]: clusterName,
        ...(init.topologyOwned ? { [CAPI_LABELS.topologyOwned]: '' } : {}),
      },
      ownerReferences: [ownerRef(init.cluster)],
    },
    spec: {
      replicas: init.replicas,
      version: init.version,
      machineTemplate: {
        spec: {
          infrastructureRef: infrastructureRef(
            init.provider,
            'machineTemplate',
            `${clusterName}-control-plane-${suffix(
              init.cluster.metadata.uid!,
              'cp-template',
            )}`,
          ),
        },
      },
      kubeadmConfigSpec: {},
    },
  };
}

/** The Cluster's `spec.controlPlaneRef` to a KubeadmControlPlane (v1beta2 contract reference). */
export function controlPlaneRef(name: string) {
  return {
    apiGroup: 'controlplane.cluster.x-k8s.io',
    kind: 'KubeadmControlPlane',
    name,
  };
}
