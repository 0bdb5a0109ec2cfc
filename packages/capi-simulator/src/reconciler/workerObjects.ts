import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import { InfrastructureProvider } from '../api/resources';
import { KubeObject } from '../types';
import {
  infrastructureRef,
  ownerRef,
  TEMPLATE_HASH_LABEL,
  V1BETA2,
} from './capiMeta';

/** Fixed identities for objects the seeder creates; the store assigns them otherwise. */
interface Identity {
  uid?: string;
  creationTimestamp?: string;
}

function identity({ uid, creationTimestamp }: Identity) {
  return {
    ...(uid ? { uid } : {}),
    ...(creationTimestamp ? { creationTimestamp } : {}),
  };
}

/** A new pool's machine template spec: kubeadm bootstrap and the provider's machine template. */
export function workerTemplateSpec(init: {
  clusterName: string;
  deploymentName: string;
  version: string;
  provider: InfrastructureProvider;
  machineTemplateName: string;
}): Record<string, unknown> {
  return {
    clusterName: init.clusterName,
    version: init.version,
    bootstrap: {
      configRef: {
        apiGroup: 'bootstrap.cluster.x-k8s.io',
        kind: 'KubeadmConfigTemplate',
        name: `${init.deploymentName}-bootstrap`,
      },
    },
    infrastructureRef: infrastructureRef(
      init.provider,
      'machineTemplate',
      init.machineTemplateName,
    ),
  };
}

export interface MachineDeploymentInit extends Identity {
  name: string;
  namespace: string;
  clusterName: string;
  replicas: number;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  owner: KubeObject;
  templateSpec: Record<string, unknown>;
}

/** A MachineDeployment selecting its machines by cluster and deployment name, as CAPI's do. */
export function buildMachineDeployment(
  init: MachineDeploymentInit,
): KubeObject {
  const machineLabels = {
    [CAPI_LABELS.clusterName]: init.clusterName,
    [CAPI_LABELS.deploymentName]: init.name,
  };
  return {
    apiVersion: V1BETA2,
    kind: 'MachineDeployment',
    metadata: {
      name: init.name,
      namespace: init.namespace,
      ...identity(init),
      labels: init.labels,
      ...(init.annotations ? { annotations: init.annotations } : {}),
      ownerReferences: [ownerRef(init.owner)],
    },
    spec: {
      clusterName: init.clusterName,
      replicas: init.replicas,
      selector: { matchLabels: { ...machineLabels } },
      template: {
        metadata: { labels: { ...machineLabels } },
        spec: init.templateSpec,
      },
    },
  };
}

export interface MachineSetInit extends Identity {
  deployment: KubeObject;
  clusterName: string;
  templateHash: string;
  replicas: number;
  templateSpec: Record<string, unknown>;
}

/** The MachineSet of one template revision (`<deployment>-<hash>`) of a MachineDeployment. */
export function buildMachineSet(init: MachineSetInit): KubeObject {
  const deploymentName = init.deployment.metadata.name;
  const labels = {
    [CAPI_LABELS.clusterName]: init.clusterName,
    [CAPI_LABELS.deploymentName]: deploymentName,
    [TEMPLATE_HASH_LABEL]: init.templateHash,
  };
  return {
    apiVersion: V1BETA2,
    kind: 'MachineSet',
    metadata: {
      name: `${deploymentName}-${init.templateHash}`,
      namespace: init.deployment.metadata.namespace,
      ...identity(init),
      labels: { ...labels },
      ownerReferences: [ownerRef(init.deployment)],
    },
    spec: {
      clusterName: init.clusterName,
      replicas: init.replicas,
      selector: {
        matchLabels: {
          [CAPI_LABELS.clusterName]: init.clusterName,
          [TEMPLATE_HASH_LABEL]: init.templateHash,
        },
      },
      template: {
        metadata: { labels: { ...labels } },
        spec: init.templateSpec,
      },
    },
  };
}
