import { compact } from '../clusterMetadata';
import { API_GROUPS } from '../types';
import { ClassicProviderRenderer } from './types';

/** CAPA (v2, serving v1beta2): AWSCluster and AWSMachineTemplate. */
export const awsRenderer: ClassicProviderRenderer = {
  infrastructureApiVersion: `${API_GROUPS.infrastructure}/v1beta2`,
  clusterKind: 'AWSCluster',
  machineTemplateKind: 'AWSMachineTemplate',
  renderInfrastructureCluster(request) {
    const aws = request.profile.aws!;
    const network = compact({
      vpc: aws.vpcId ? { id: aws.vpcId } : undefined,
      subnets: aws.subnets?.length
        ? aws.subnets.map(id => ({ id }))
        : undefined,
    });
    return {
      apiVersion: this.infrastructureApiVersion,
      kind: this.clusterKind,
      metadata: { name: request.name, namespace: request.profile.namespace },
      spec: compact({
        region: aws.region,
        sshKeyName: aws.sshKeyName,
        network: Object.keys(network).length > 0 ? network : undefined,
      }),
    };
  },
  machineTemplateSpec(request, size, _kubernetesVersion, role) {
    const aws = request.profile.aws!;
    return compact({
      instanceType: size.awsInstanceType,
      iamInstanceProfile:
        role === 'control-plane'
          ? aws.controlPlaneIamInstanceProfile
          : aws.nodeIamInstanceProfile,
      sshKeyName: aws.sshKeyName,
      ami: aws.amiId ? { id: aws.amiId } : undefined,
      rootVolume: { size: size.diskGiB },
    });
  },
  kubeadm() {
    return {
      nodeName: '{{ ds.meta_data.local_hostname }}',
      kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }],
      externalCloudProvider: true,
    };
  },
};
