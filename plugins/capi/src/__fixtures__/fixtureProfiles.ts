/** The profiles the fixture fleet offers for new clusters. */
import type { ClusterProfileSummary } from '@capstan/plugin-capi-common';

export const profiles: ClusterProfileSummary[] = [
  {
    name: 'onprem-fra-prod',
    title: 'On-prem Frankfurt — production',
    description: 'vSphere, three control plane nodes, 24×7 support',
    managementCluster: 'onprem-fra',
    namespace: 'team-payments',
    mode: 'clusterclass',
    provider: 'vsphere',
    clusterClass: 'vsphere-standard',
    kubernetesVersions: ['v1.30.8', 'v1.31.4', 'v1.32.1'],
    defaultKubernetesVersion: 'v1.31.4',
    machineSizes: [
      { name: 'small', title: 'Small', description: '2 vCPU, 8 GiB' },
      { name: 'medium', title: 'Medium', description: '4 vCPU, 16 GiB' },
      { name: 'large', title: 'Large', description: '8 vCPU, 32 GiB' },
      { name: 'xlarge', title: 'X-Large', description: '16 vCPU, 64 GiB' },
    ],
    autoscaler: true,
    limits: { maxNodePools: 5, maxReplicas: 20 },
  },
  {
    name: 'aws-eu-west-dev',
    title: 'AWS eu-west-1 — development',
    description: 'EKS-free self-managed clusters for experiments',
    managementCluster: 'aws-eu-west',
    namespace: 'sandbox',
    mode: 'classic',
    provider: 'aws',
    kubernetesVersions: ['v1.32.1', 'v1.33.0'],
    defaultKubernetesVersion: 'v1.33.0',
    machineSizes: [
      { name: 'm6i.large', title: 'm6i.large' },
      { name: 'm6i.xlarge', title: 'm6i.xlarge' },
    ],
    autoscaler: false,
    limits: { maxNodePools: 2, maxReplicas: 6 },
  },
];
