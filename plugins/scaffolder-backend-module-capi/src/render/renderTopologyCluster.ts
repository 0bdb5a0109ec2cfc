import type { MachineSize } from '@capstan/plugin-capi-node';
import {
  clusterAnnotations,
  clusterLabels,
  clusterNetwork,
  compact,
  nodePoolAnnotations,
} from './clusterMetadata';
import {
  API_VERSIONS,
  ClusterRequest,
  KubernetesObject,
  NodePoolRequest,
} from './types';

/** The value a ClusterClass size variable receives. */
export function machineSizeValue(size: MachineSize) {
  return compact({
    name: size.name,
    cpu: size.cpu,
    memoryMiB: size.memoryMiB,
    diskGiB: size.diskGiB,
    awsInstanceType: size.awsInstanceType,
    azureVmSize: size.azureVmSize,
  });
}

function findSize(request: ClusterRequest, name: string): MachineSize {
  const size = request.profile.machineSizes.find(s => s.name === name);
  if (!size) {
    // Validation rejects unknown sizes before rendering.
    throw new Error(`Unknown machine size "${name}"`);
  }
  return size;
}

/** One entry of `spec.topology.workers.machineDeployments`. */
export function renderTopologyMachineDeployment(
  request: Pick<ClusterRequest, 'profile'>,
  pool: NodePoolRequest,
) {
  const settings = request.profile.clusterClass!;
  const size = request.profile.machineSizes.find(s => s.name === pool.size);
  const overrides =
    settings.machineSizeVariable && size
      ? [{ name: settings.machineSizeVariable, value: machineSizeValue(size) }]
      : [];
  return compact({
    class: settings.workerClass,
    name: pool.name,
    // With autoscaling the replica count is left unset for the autoscaler to own.
    replicas: pool.autoscaling ? undefined : pool.replicas,
    metadata: compact({
      labels:
        Object.keys(pool.labels).length > 0 ? { ...pool.labels } : undefined,
      annotations: nodePoolAnnotations(pool),
    }),
    taints:
      pool.taints.length > 0
        ? pool.taints.map(t => compact({ ...t, propagation: 'Always' }))
        : undefined,
    variables: overrides.length > 0 ? { overrides } : undefined,
  });
}

/**
 * ClusterClass mode: a single Cluster whose `spec.topology` names the
 * profile's class; CAPI's topology controller creates the rest.
 */
export function renderTopologyCluster(
  request: ClusterRequest,
): KubernetesObject[] {
  const settings = request.profile.clusterClass;
  if (!settings) {
    throw new Error(`Profile "${request.profile.name}" has no ClusterClass`);
  }
  const cpSizeVariable = settings.controlPlaneMachineSizeVariable;
  const variables = Object.entries(settings.variables).map(([name, value]) => ({
    name,
    value,
  }));
  const cluster: KubernetesObject = {
    apiVersion: API_VERSIONS.cluster,
    kind: 'Cluster',
    metadata: {
      name: request.name,
      namespace: request.profile.namespace,
      labels: clusterLabels(request),
      annotations: clusterAnnotations(request),
    },
    spec: compact({
      clusterNetwork: clusterNetwork(request),
      topology: compact({
        classRef: compact({
          name: settings.name,
          namespace: settings.namespace,
        }),
        version: request.kubernetesVersion,
        controlPlane: compact({
          replicas: request.controlPlaneReplicas,
          variables: cpSizeVariable
            ? {
                overrides: [
                  {
                    name: cpSizeVariable,
                    value: machineSizeValue(
                      findSize(request, request.profile.controlPlaneSize),
                    ),
                  },
                ],
              }
            : undefined,
        }),
        workers: {
          machineDeployments: request.nodePools.map(pool =>
            renderTopologyMachineDeployment(request, pool),
          ),
        },
        variables: variables.length > 0 ? variables : undefined,
      }),
    }),
  };
  return [cluster];
}
