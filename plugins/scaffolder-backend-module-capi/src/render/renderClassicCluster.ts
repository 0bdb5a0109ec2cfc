import { createHash } from 'node:crypto';
import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import type { MachineSize } from '@capstan/plugin-capi-node';
import {
  clusterAnnotations,
  clusterLabels,
  clusterNetwork,
  compact,
  nodePoolAnnotations,
} from './clusterMetadata';
import { classicProviderRenderer, ClassicProviderRenderer } from './providers';
import type { KubeadmProviderSettings, MachineRole } from './providers/types';
import {
  API_GROUPS,
  API_VERSIONS,
  ClusterRequest,
  KubernetesObject,
  NodePoolRequest,
} from './types';

/** Object names of a classic cluster, derived only from validated names. */
export const classicNames = {
  controlPlane: (cluster: string) => `${cluster}-control-plane`,
  machineDeployment: (cluster: string, pool: string) => `${cluster}-${pool}`,
  bootstrapTemplate: (cluster: string, pool: string) => `${cluster}-${pool}`,
  /**
   * Machine templates are immutable in CAPI: any change (size, version) needs
   * a new object, so the name carries a hash of what it holds.
   */
  machineTemplate: (base: string, spec: unknown) =>
    `${base}-${createHash('sha256')
      .update(JSON.stringify(spec))
      .digest('hex')
      .slice(0, 8)}`,
};

export function findMachineSize(
  request: Pick<ClusterRequest, 'profile'>,
  name: string,
): MachineSize {
  const size = request.profile.machineSizes.find(s => s.name === name);
  if (!size) {
    throw new Error(`Unknown machine size "${name}"`);
  }
  return size;
}

export function rendererFor(
  request: Pick<ClusterRequest, 'profile'>,
): ClassicProviderRenderer {
  const provider = request.profile.provider;
  if (!provider) {
    throw new Error(`Profile "${request.profile.name}" has no provider`);
  }
  return classicProviderRenderer(provider);
}

/** A machine template for a role, named after its content. */
export function renderMachineTemplate(
  request: Pick<ClusterRequest, 'profile' | 'name'>,
  baseName: string,
  sizeName: string,
  kubernetesVersion: string,
  role: MachineRole,
): KubernetesObject {
  const renderer = rendererFor(request);
  const templateSpec = renderer.machineTemplateSpec(
    request,
    findMachineSize(request, sizeName),
    kubernetesVersion,
    role,
  );
  return {
    apiVersion: renderer.infrastructureApiVersion,
    kind: renderer.machineTemplateKind,
    metadata: {
      name: classicNames.machineTemplate(baseName, {
        templateSpec,
        kubernetesVersion,
      }),
      namespace: request.profile.namespace,
    },
    spec: { template: { spec: templateSpec } },
  };
}

function nodeRegistration(
  settings: KubeadmProviderSettings,
  taints?: NodePoolRequest['taints'],
) {
  return compact({
    name: settings.nodeName,
    kubeletExtraArgs:
      settings.kubeletExtraArgs.length > 0
        ? settings.kubeletExtraArgs
        : undefined,
    taints:
      taints && taints.length > 0
        ? taints.map(t => compact({ ...t }))
        : undefined,
  });
}

function renderKubeadmControlPlane(
  request: ClusterRequest,
  renderer: ClassicProviderRenderer,
  machineTemplate: KubernetesObject,
): KubernetesObject {
  const settings = renderer.kubeadm(request);
  return {
    apiVersion: API_VERSIONS.controlPlane,
    kind: 'KubeadmControlPlane',
    metadata: {
      name: classicNames.controlPlane(request.name),
      namespace: request.profile.namespace,
    },
    spec: {
      replicas: request.controlPlaneReplicas,
      version: request.kubernetesVersion,
      machineTemplate: {
        spec: {
          infrastructureRef: {
            apiGroup: API_GROUPS.infrastructure,
            kind: machineTemplate.kind,
            name: machineTemplate.metadata.name,
          },
        },
      },
      kubeadmConfigSpec: compact({
        clusterConfiguration: settings.externalCloudProvider
          ? {
              controllerManager: {
                extraArgs: [{ name: 'cloud-provider', value: 'external' }],
              },
            }
          : undefined,
        initConfiguration: { nodeRegistration: nodeRegistration(settings) },
        joinConfiguration: { nodeRegistration: nodeRegistration(settings) },
        preKubeadmCommands: settings.preKubeadmCommands,
        users: settings.users,
      }),
    },
  };
}

/** The KubeadmConfigTemplate of a node pool (bootstrap config, incl. taints). */
export function renderBootstrapTemplate(
  request: Pick<ClusterRequest, 'profile' | 'name'>,
  pool: NodePoolRequest,
): KubernetesObject {
  const settings = rendererFor(request).kubeadm(request);
  return {
    apiVersion: API_VERSIONS.bootstrap,
    kind: 'KubeadmConfigTemplate',
    metadata: {
      name: classicNames.bootstrapTemplate(request.name, pool.name),
      namespace: request.profile.namespace,
    },
    spec: {
      template: {
        spec: compact({
          joinConfiguration: {
            nodeRegistration: nodeRegistration(settings, pool.taints),
          },
          preKubeadmCommands: settings.preKubeadmCommands,
          users: settings.users,
        }),
      },
    },
  };
}

/** The objects of one classic node pool: machine template, bootstrap template, MachineDeployment. */
export function renderClassicNodePool(
  request: Pick<ClusterRequest, 'profile' | 'name' | 'kubernetesVersion'>,
  pool: NodePoolRequest,
): KubernetesObject[] {
  const mdName = classicNames.machineDeployment(request.name, pool.name);
  const machineTemplate = renderMachineTemplate(
    request,
    mdName,
    pool.size,
    request.kubernetesVersion,
    'worker',
  );
  const bootstrap = renderBootstrapTemplate(request, pool);
  const machineDeployment: KubernetesObject = {
    apiVersion: API_VERSIONS.cluster,
    kind: 'MachineDeployment',
    metadata: {
      name: mdName,
      namespace: request.profile.namespace,
      labels: { [CAPI_LABELS.clusterName]: request.name },
      annotations: nodePoolAnnotations(pool),
    },
    spec: compact({
      clusterName: request.name,
      // With autoscaling the replica count is left unset for the autoscaler to own.
      replicas: pool.autoscaling ? undefined : pool.replicas,
      selector: { matchLabels: {} },
      template: {
        metadata: {
          labels: { ...pool.labels, [CAPI_LABELS.clusterName]: request.name },
        },
        spec: {
          clusterName: request.name,
          version: request.kubernetesVersion,
          bootstrap: {
            configRef: {
              apiGroup: API_GROUPS.bootstrap,
              kind: bootstrap.kind,
              name: bootstrap.metadata.name,
            },
          },
          infrastructureRef: {
            apiGroup: API_GROUPS.infrastructure,
            kind: machineTemplate.kind,
            name: machineTemplate.metadata.name,
          },
        },
      },
    }),
  };
  return [machineTemplate, bootstrap, machineDeployment];
}

/**
 * Classic mode: Cluster, infrastructure cluster, KubeadmControlPlane with its
 * machine template, and per node pool a machine template, a
 * KubeadmConfigTemplate and a MachineDeployment.
 */
export function renderClassicCluster(
  request: ClusterRequest,
): KubernetesObject[] {
  const renderer = rendererFor(request);
  const infraCluster = renderer.renderInfrastructureCluster(request);
  const cpTemplate = renderMachineTemplate(
    request,
    classicNames.controlPlane(request.name),
    request.profile.controlPlaneSize,
    request.kubernetesVersion,
    'control-plane',
  );
  const controlPlane = renderKubeadmControlPlane(request, renderer, cpTemplate);
  const defaults = renderer.defaultClusterNetwork;
  const network =
    clusterNetwork(request) ??
    (defaults
      ? {
          pods: { cidrBlocks: defaults.pods },
          services: { cidrBlocks: defaults.services },
        }
      : undefined);
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
      clusterNetwork: network,
      controlPlaneRef: {
        apiGroup: API_GROUPS.controlPlane,
        kind: controlPlane.kind,
        name: controlPlane.metadata.name,
      },
      infrastructureRef: {
        apiGroup: API_GROUPS.infrastructure,
        kind: infraCluster.kind,
        name: infraCluster.metadata.name,
      },
    }),
  };
  return [
    cluster,
    infraCluster,
    controlPlane,
    cpTemplate,
    ...request.nodePools.flatMap(pool => renderClassicNodePool(request, pool)),
  ];
}
