import { INFRASTRUCTURE_KINDS } from '../api/resources';
import { demoClusterClassVariables } from './clusterClassVariables';
import { KCP_API_VERSION, RESOURCES, V1BETA2 } from '../reconciler/capiMeta';
import { rfc3339 } from '../store/InMemoryObjectStore';
import { EXAMPLE_OWNERS } from './FleetPlan';
import type { SeedTarget } from './FleetSeeder';

/**
 * ClusterClasses every management cluster has, one per provider, in each
 * team namespace (and in the given namespaces, e.g. the profiles' ones).
 */
export function seedClusterClasses(
  target: SeedTarget,
  extraNamespaces: Iterable<string> = [],
) {
  const namespaces = new Set([
    ...EXAMPLE_OWNERS.map(o => o.group),
    ...extraNamespaces,
  ]);
  for (const namespace of namespaces) {
    const kinds = INFRASTRUCTURE_KINDS[target.provider];
    const name = `${target.provider}-standard`;
    if (target.store.get(RESOURCES.clusterClasses, namespace, name)) continue;
    target.store.create(RESOURCES.clusterClasses, {
      apiVersion: V1BETA2,
      kind: 'ClusterClass',
      metadata: { name, namespace },
      spec: {
        infrastructure: {
          templateRef: {
            apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
            kind: `${kinds.cluster}Template`,
            name: `${name}-cluster`,
          },
        },
        controlPlane: {
          templateRef: {
            apiVersion: KCP_API_VERSION,
            kind: 'KubeadmControlPlaneTemplate',
            name: `${name}-control-plane`,
          },
          machineInfrastructure: {
            templateRef: {
              apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
              kind: kinds.machineTemplate,
              name: `${name}-control-plane`,
            },
          },
        },
        workers: {
          machineDeployments: [
            {
              class: 'default-worker',
              bootstrap: {
                templateRef: {
                  apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
                  kind: 'KubeadmConfigTemplate',
                  name: `${name}-worker`,
                },
              },
              infrastructure: {
                templateRef: {
                  apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
                  kind: kinds.machineTemplate,
                  name: `${name}-worker`,
                },
              },
            },
          ],
        },
      },
      status: { variables: demoClusterClassVariables(target.provider) },
    });
  }
}

/** The management cluster's own nodes (core v1), for clients that look at them. */
export function seedManagementNodes(target: SeedTarget, now: Date) {
  for (let i = 1; i <= 3; i++) {
    const name = `${target.name}-control-plane-${i}`;
    if (target.store.get('nodes', undefined, name)) continue;
    target.store.create('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'kubernetes.io/hostname': name,
          'node-role.kubernetes.io/control-plane': '',
        },
      },
      spec: {},
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
            lastHeartbeatTime: rfc3339(now),
            lastTransitionTime: rfc3339(now),
          },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.34.1',
          osImage: 'Ubuntu 24.04.1 LTS',
          kernelVersion: '6.8.0-49-generic',
          containerRuntimeVersion: 'containerd://1.7.24',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    });
  }
}
