import { compact } from '../clusterMetadata';
import { API_GROUPS } from '../types';
import { ClassicProviderRenderer, withVersion } from './types';

/** CAPV: VSphereCluster and VSphereMachineTemplate, addresses from a CAPI IPAM pool. */
export const vsphereRenderer: ClassicProviderRenderer = {
  infrastructureApiVersion: `${API_GROUPS.infrastructure}/v1beta2`,
  clusterKind: 'VSphereCluster',
  machineTemplateKind: 'VSphereMachineTemplate',
  renderInfrastructureCluster(request) {
    const vsphere = request.profile.vsphere!;
    return {
      apiVersion: this.infrastructureApiVersion,
      kind: this.clusterKind,
      metadata: { name: request.name, namespace: request.profile.namespace },
      spec: compact({
        server: vsphere.server,
        thumbprint: vsphere.thumbprint,
        controlPlaneEndpoint: vsphere.controlPlaneEndpointHost
          ? {
              host: vsphere.controlPlaneEndpointHost.replace(
                /\{cluster\}/g,
                request.name,
              ),
              port: 6443,
            }
          : undefined,
        identityRef: vsphere.identitySecretName
          ? { kind: 'Secret', name: vsphere.identitySecretName }
          : undefined,
      }),
    };
  },
  machineTemplateSpec(request, size, kubernetesVersion) {
    const vsphere = request.profile.vsphere!;
    return compact({
      server: vsphere.server,
      thumbprint: vsphere.thumbprint,
      datacenter: vsphere.datacenter,
      datastore: vsphere.datastore,
      folder: vsphere.folder,
      resourcePool: vsphere.resourcePool,
      storagePolicyName: vsphere.storagePolicyName,
      template: withVersion(vsphere.template, kubernetesVersion),
      cloneMode: 'linkedClone',
      os: 'Linux',
      powerOffMode: 'trySoft',
      numCPUs: size.cpu,
      memoryMiB: size.memoryMiB,
      diskGiB: size.diskGiB,
      network: {
        devices: [
          compact({
            networkName: vsphere.network,
            dhcp4: false,
            dhcp6: false,
            addressesFromPools: [
              {
                apiGroup: vsphere.ipPool.apiGroup,
                kind: vsphere.ipPool.kind,
                name: vsphere.ipPool.name,
              },
            ],
            gateway4: vsphere.gateway,
          }),
        ],
      },
    });
  },
  kubeadm(request) {
    const keys = request.profile.vsphere?.sshAuthorizedKeys ?? [];
    return {
      nodeName: '{{ local_hostname }}',
      kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }],
      externalCloudProvider: true,
      users:
        keys.length > 0
          ? [
              {
                name: 'capv',
                sshAuthorizedKeys: keys,
                sudo: 'ALL=(ALL) NOPASSWD:ALL',
              },
            ]
          : undefined,
      preKubeadmCommands: [
        'hostnamectl set-hostname "{{ ds.meta_data.hostname }}"',
      ],
    };
  },
};
