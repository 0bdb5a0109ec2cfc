import { compact } from '../clusterMetadata';
import { API_GROUPS } from '../types';
import { ClassicProviderRenderer, withVersion } from './types';

/** CAPD as of CAPI v1.14: DevCluster and DevMachineTemplate with the docker backend. */
export const dockerRenderer: ClassicProviderRenderer = {
  infrastructureApiVersion: `${API_GROUPS.infrastructure}/v1beta2`,
  clusterKind: 'DevCluster',
  machineTemplateKind: 'DevMachineTemplate',
  defaultClusterNetwork: {
    pods: ['192.168.0.0/16'],
    services: ['10.128.0.0/12'],
  },
  renderInfrastructureCluster(request) {
    return {
      apiVersion: this.infrastructureApiVersion,
      kind: this.clusterKind,
      metadata: { name: request.name, namespace: request.profile.namespace },
      spec: { backend: { docker: {} } },
    };
  },
  machineTemplateSpec(request, _size, kubernetesVersion) {
    const customImage = request.profile.docker?.customImage;
    return {
      backend: {
        docker: compact({
          customImage: customImage
            ? withVersion(customImage, kubernetesVersion)
            : undefined,
          extraMounts: [
            {
              containerPath: '/var/run/docker.sock',
              hostPath: '/var/run/docker.sock',
            },
          ],
        }),
      },
    };
  },
  kubeadm() {
    return {
      kubeletExtraArgs: [
        {
          name: 'eviction-hard',
          value:
            'nodefs.available<0%,nodefs.inodesFree<0%,imagefs.available<0%',
        },
      ],
      externalCloudProvider: false,
    };
  },
};
