import type { MachineSize } from '@capstan/plugin-capi-node';
import type { ClusterRequest, KubernetesObject } from '../types';

/** Which machines a template is for. */
export type MachineRole = 'control-plane' | 'worker';

/** Node registration settings a provider needs in kubeadm config. */
export interface KubeadmProviderSettings {
  /** Node name template, e.g. `{{ local_hostname }}`. */
  nodeName?: string;
  kubeletExtraArgs: Array<{ name: string; value: string }>;
  /** Whether control plane components run with an external cloud provider. */
  externalCloudProvider: boolean;
  users?: Array<{ name: string; sshAuthorizedKeys: string[]; sudo: string }>;
  preKubeadmCommands?: string[];
}

/** What classic-mode rendering needs from an infrastructure provider. */
export interface ClassicProviderRenderer {
  infrastructureApiVersion: string;
  clusterKind: string;
  machineTemplateKind: string;
  renderInfrastructureCluster(request: ClusterRequest): KubernetesObject;
  /** `spec.template.spec` of a machine template for a size and Kubernetes version. */
  machineTemplateSpec(
    request: Pick<ClusterRequest, 'profile' | 'name'>,
    size: MachineSize,
    kubernetesVersion: string,
    role: MachineRole,
  ): Record<string, unknown>;
  kubeadm(request: Pick<ClusterRequest, 'profile'>): KubeadmProviderSettings;
  /** Networks to use when the developer gives none, if the provider needs one. */
  defaultClusterNetwork?: { pods: string[]; services: string[] };
}

/** Replaces `{version}` in a provider setting with the Kubernetes version. */
export function withVersion(value: string, kubernetesVersion: string): string {
  return value.replace(/\{version\}/g, kubernetesVersion);
}
