/**
 * The example `capi` config block from the README, used by the tests so the
 * documented config is the tested one.
 */
export const exampleCapiConfig = {
  profiles: {
    'onprem-fra': {
      title: 'On-prem Frankfurt (vSphere)',
      description:
        'vSphere clusters in the Frankfurt data centre, built from the vsphere-standard ClusterClass',
      managementCluster: 'onprem-fra',
      namespace: 'clusters',
      mode: 'clusterclass',
      provider: 'vsphere',
      clusterClass: {
        name: 'vsphere-standard',
        workerClass: 'vsphere-standard-worker',
        machineSizeVariable: 'workerMachineSize',
        controlPlaneMachineSizeVariable: 'controlPlaneMachineSize',
        variables: {
          controlPlanePort: 6443,
          credsSecretName: 'vsphere-credentials',
          infraServer: {
            url: 'vcenter.fra.example.com',
            thumbprint: 'AA:BB:CC',
          },
        },
      },
      kubernetesVersions: ['v1.32.8', 'v1.33.4', 'v1.34.1'],
      defaultKubernetesVersion: 'v1.33.4',
      machineSizes: {
        small: {
          title: 'Small (2 CPU, 8 GiB)',
          cpu: 2,
          memoryMiB: 8192,
          diskGiB: 40,
        },
        medium: {
          title: 'Medium (4 CPU, 16 GiB)',
          cpu: 4,
          memoryMiB: 16384,
          diskGiB: 80,
        },
        large: {
          title: 'Large (8 CPU, 32 GiB)',
          cpu: 8,
          memoryMiB: 32768,
          diskGiB: 120,
        },
      },
      controlPlaneSize: 'medium',
      addonLabels: { 'addons.capstan.dev/cni': 'cilium' },
      autoscaler: true,
      limits: { maxNodePools: 5, maxReplicas: 20 },
    },
    'onprem-fra-classic': {
      title: 'On-prem Frankfurt, classic (vSphere + IPAM)',
      managementCluster: 'onprem-fra',
      namespace: 'clusters-classic',
      mode: 'classic',
      provider: 'vsphere',
      vsphere: {
        server: 'vcenter.fra.example.com',
        thumbprint: 'AA:BB:CC',
        datacenter: 'FRA-DC1',
        datastore: 'vsanDatastore',
        network: 'k8s-nodes-vlan210',
        folder: '/FRA-DC1/vm/kubernetes',
        resourcePool: '/FRA-DC1/host/cluster1/Resources/k8s',
        template: 'ubuntu-2404-kube-{version}',
        ipPool: { name: 'fra-nodes', kind: 'InClusterIPPool' },
        gateway: '10.21.0.1',
        identitySecretName: 'vsphere-credentials',
        controlPlaneEndpointHost: '{cluster}.k8s.fra.example.com',
      },
      kubernetesVersions: ['v1.32.8', 'v1.33.4'],
      machineSizes: {
        small: { cpu: 2, memoryMiB: 8192, diskGiB: 40 },
        large: { cpu: 8, memoryMiB: 32768, diskGiB: 120 },
      },
      autoscaler: false,
      limits: { maxNodePools: 3, maxReplicas: 10 },
    },
    'aws-eu': {
      title: 'AWS eu-central-1',
      managementCluster: 'aws-eu',
      namespace: 'clusters',
      mode: 'classic',
      provider: 'aws',
      aws: {
        region: 'eu-central-1',
        sshKeyName: 'platform-ops',
        vpcId: 'vpc-0a1b2c3d',
        subnets: ['subnet-0aaa', 'subnet-0bbb', 'subnet-0ccc'],
      },
      kubernetesVersions: ['v1.32.8', 'v1.33.4'],
      defaultKubernetesVersion: 'v1.33.4',
      machineSizes: {
        small: {
          cpu: 2,
          memoryMiB: 8192,
          diskGiB: 50,
          awsInstanceType: 'm6i.large',
        },
        large: {
          cpu: 8,
          memoryMiB: 32768,
          diskGiB: 100,
          awsInstanceType: 'm6i.2xlarge',
        },
      },
      autoscaler: true,
    },
    'azure-we': {
      title: 'Azure West Europe',
      managementCluster: 'azure-we',
      namespace: 'clusters',
      mode: 'classic',
      provider: 'azure',
      azure: {
        location: 'westeurope',
        subscriptionId: '00000000-0000-0000-0000-000000000000',
        vnetName: 'k8s-vnet',
        identityName: 'cluster-identity',
      },
      kubernetesVersions: ['v1.33.4'],
      machineSizes: {
        small: {
          cpu: 2,
          memoryMiB: 8192,
          diskGiB: 64,
          azureVmSize: 'Standard_D2s_v5',
        },
        large: {
          cpu: 8,
          memoryMiB: 32768,
          diskGiB: 128,
          azureVmSize: 'Standard_D8s_v5',
        },
      },
    },
    'docker-local': {
      title: 'Local Docker (development)',
      managementCluster: 'local',
      namespace: 'default',
      mode: 'classic',
      provider: 'docker',
      kubernetesVersions: ['v1.33.4', 'v1.34.1'],
      machineSizes: { small: { cpu: 2, memoryMiB: 2048, diskGiB: 10 } },
      limits: { maxNodePools: 2, maxReplicas: 3 },
    },
  },
};
