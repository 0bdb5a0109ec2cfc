import { compact } from '../clusterMetadata';
import { API_GROUPS } from '../types';
import { ClassicProviderRenderer } from './types';

/** CAPZ (serving v1beta1): AzureCluster and AzureMachineTemplate. */
export const azureRenderer: ClassicProviderRenderer = {
  infrastructureApiVersion: `${API_GROUPS.infrastructure}/v1beta1`,
  clusterKind: 'AzureCluster',
  machineTemplateKind: 'AzureMachineTemplate',
  renderInfrastructureCluster(request) {
    const azure = request.profile.azure!;
    return {
      apiVersion: this.infrastructureApiVersion,
      kind: this.clusterKind,
      metadata: { name: request.name, namespace: request.profile.namespace },
      spec: compact({
        location: azure.location,
        resourceGroup: azure.resourceGroup ?? request.name,
        subscriptionID: azure.subscriptionId,
        identityRef: azure.identityName
          ? {
              apiVersion: this.infrastructureApiVersion,
              kind: 'AzureClusterIdentity',
              name: azure.identityName,
            }
          : undefined,
        networkSpec: azure.vnetName
          ? { vnet: { name: azure.vnetName } }
          : undefined,
      }),
    };
  },
  machineTemplateSpec(request, size) {
    const azure = request.profile.azure!;
    return {
      vmSize: size.azureVmSize,
      osDisk: { osType: 'Linux', diskSizeGB: size.diskGiB },
      sshPublicKey: azure.sshPublicKey ?? '',
    };
  },
  kubeadm() {
    return {
      nodeName: '{{ ds.meta_data["local_hostname"] }}',
      kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }],
      externalCloudProvider: true,
    };
  },
};
