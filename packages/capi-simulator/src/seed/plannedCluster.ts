import {
  CAPI_ANNOTATIONS,
  CLUSTER_ANNOTATIONS,
  CLUSTER_LABELS,
  gitopsClusterPath,
} from '@capstan/plugin-capi-common';
import { infrastructureRef, V1BETA2 } from '../reconciler/capiMeta';
import { rfc3339 } from '../store/InMemoryObjectStore';
import { KubeObject } from '../types';
import { SeedClusterPlan, SeedPlanTarget } from './FleetPlan';

/** The cluster as planned, for seeding straight into the store. */
export function plannedCluster(
  target: SeedPlanTarget,
  plan: SeedClusterPlan,
  clusterUid: string,
): KubeObject {
  const { provider } = target;
  const { name, owner } = plan;
  const namespace = owner.group;
  const provisioning = plan.state === 'provisioning';
  return {
    apiVersion: V1BETA2,
    kind: 'Cluster',
    metadata: {
      name,
      namespace,
      uid: clusterUid,
      creationTimestamp: rfc3339(plan.createdAt),
      labels: {
        [CLUSTER_LABELS.owner]: owner.group,
        [CLUSTER_LABELS.entityKind]: 'component',
        [CLUSTER_LABELS.entityNamespace]: 'default',
        [CLUSTER_LABELS.entityName]: owner.component,
        [CLUSTER_LABELS.profile]: plan.profile,
        'cluster.x-k8s.io/provider': provider,
      },
      annotations: {
        [CLUSTER_ANNOTATIONS.ownerRef]: `group:default/${owner.group}`,
        [CLUSTER_ANNOTATIONS.entityRef]: `component:default/${owner.component}`,
        [CLUSTER_ANNOTATIONS.gitopsPath]: gitopsClusterPath({
          managementCluster: target.name,
          namespace,
          name,
        }),
      },
    },
    spec: {
      clusterNetwork: {
        pods: { cidrBlocks: ['192.168.0.0/16'] },
        services: { cidrBlocks: ['10.128.0.0/12'] },
      },
      ...(provisioning
        ? {}
        : { controlPlaneEndpoint: clusterEndpoint(plan.index) }),
      infrastructureRef: infrastructureRef(provider, 'cluster', name),
      ...(plan.topologyMode
        ? {
            topology: {
              classRef: { name: `${provider}-standard` },
              version: plan.targetVersion,
              controlPlane: { replicas: plan.controlPlaneReplicas },
              workers: {
                machineDeployments: plan.pools.map(p => ({
                  class: 'default-worker',
                  name: p.name,
                  ...(p.autoscaling
                    ? {
                        metadata: {
                          annotations: {
                            [CAPI_ANNOTATIONS.autoscalerMin]: String(
                              p.autoscaling.min,
                            ),
                            [CAPI_ANNOTATIONS.autoscalerMax]: String(
                              p.autoscaling.max,
                            ),
                          },
                        },
                      }
                    : { replicas: p.replicas }),
                })),
              },
            },
          }
        : {}),
    },
  };
}

/** The control plane endpoint of the index-th seeded cluster: a distinct private address. */
export function clusterEndpoint(index: number) {
  return { host: `10.${index % 250}.${(index >> 8) % 250}.10`, port: 6443 };
}
