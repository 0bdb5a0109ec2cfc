import {
  CAPI_ANNOTATIONS,
  CAPI_LABELS,
  CLUSTER_ANNOTATIONS,
  CLUSTER_LABELS,
  DEFAULT_PATCH_ANNOTATIONS,
  gitopsClusterPath,
} from '@capstan/plugin-capi-common';
import { INFRASTRUCTURE_KINDS, InfrastructureProvider } from '../api/resources';
import { demoClusterClassVariables } from './clusterClassVariables';
import {
  KCP_API_VERSION,
  RESOURCES,
  TEMPLATE_HASH_LABEL,
  UNHEALTHY_ANNOTATION,
  V1BETA2,
  infrastructureRef,
  suffix,
  templateHash,
} from '../reconciler/capiMeta';
import {
  MachinePhase,
  buildMachine,
  machineStatus,
} from '../reconciler/machineObjects';
import { clusterStatus } from '../reconciler/clusterStatus';
import { controlPlaneStatus } from '../reconciler/controlPlaneStatus';
import { workerSetStatus } from '../reconciler/workerSetStatus';
import {
  buildControlPlane,
  controlPlaneRef,
} from '../reconciler/controlPlaneObject';
import {
  buildMachineDeployment,
  buildMachineSet,
  workerTemplateSpec,
} from '../reconciler/workerObjects';
import { InMemoryObjectStore, rfc3339 } from '../store/InMemoryObjectStore';
import { KubeObject } from '../types';
import {
  EXAMPLE_OWNERS,
  SeedClusterPlan,
  SeedPlanTarget,
  planFleet,
} from './FleetPlan';
import { pick, seededRandom, seededUuid } from './random';

export { EXAMPLE_OWNERS, SEED_VERSIONS } from './FleetPlan';

const FAILURE_DOMAINS: Record<InfrastructureProvider, string[]> = {
  vsphere: ['fra-rack-a', 'fra-rack-b', 'fra-rack-c'],
  aws: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
  azure: ['1', '2', '3'],
  docker: [],
};

const UNHEALTHY_REASONS = [
  'NodeConditionsFailed: Node is reporting MemoryPressure',
  'NodeConditionsFailed: Node is reporting DiskPressure',
  'NodeNotReady: kubelet stopped posting node status',
];

export interface SeedTarget extends SeedPlanTarget {
  store: InMemoryObjectStore;
}

export interface SeededCluster {
  managementCluster: string;
  namespace: string;
  name: string;
  /** Still provisioning or upgrading: the reconciler has work to do. */
  inProgress: boolean;
}

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

function hoursAgo(now: Date, hours: number): string {
  return rfc3339(new Date(now.getTime() - hours * 3600_000));
}

/** Patch annotations with a realistic spread: most patched, some pending, a few overdue or awaiting reboot. */
function patchAnnotations(
  random: () => number,
  now: Date,
): Record<string, string> {
  const r = random();
  const lastPatched = hoursAgo(now, 2 + random() * 24 * 6);
  const base = {
    [DEFAULT_PATCH_ANNOTATIONS.lastPatched]: lastPatched,
    [DEFAULT_PATCH_ANNOTATIONS.pendingUpdates]: '0',
    [DEFAULT_PATCH_ANNOTATIONS.pendingSecurityUpdates]: '0',
    [DEFAULT_PATCH_ANNOTATIONS.rebootRequired]: 'false',
  };
  if (r < 0.7) return base;
  if (r < 0.9) {
    // Security updates pending; beyond 48 hours they are overdue.
    const overdue = r >= 0.84;
    const security = 1 + Math.floor(random() * 5);
    return {
      ...base,
      [DEFAULT_PATCH_ANNOTATIONS.pendingUpdates]: String(
        security + Math.floor(random() * 15),
      ),
      [DEFAULT_PATCH_ANNOTATIONS.pendingSecurityUpdates]: String(security),
      [DEFAULT_PATCH_ANNOTATIONS.securityPendingSince]: hoursAgo(
        now,
        overdue ? 50 + random() * 150 : 1 + random() * 40,
      ),
      [DEFAULT_PATCH_ANNOTATIONS.rebootRequired]:
        overdue && random() < 0.2 ? 'true' : 'false',
    };
  }
  if (r < 0.96) {
    return {
      ...base,
      [DEFAULT_PATCH_ANNOTATIONS.pendingUpdates]: String(
        1 + Math.floor(random() * 10),
      ),
    };
  }
  return { ...base, [DEFAULT_PATCH_ANNOTATIONS.rebootRequired]: 'true' };
}

/**
 * Seeds `total` workload clusters straight into the management clusters'
 * stores (round robin), each with its control plane, MachineDeployments,
 * MachineSets and Machines in a consistent state. The same seed gives the
 * same fleet. These clusters have no folder in the GitOps repository.
 */
export function seedFleet(
  targets: SeedTarget[],
  total: number,
  seed: number,
  now = new Date(),
): SeededCluster[] {
  for (const target of targets) {
    seedClusterClasses(target);
    seedManagementNodes(target, now);
  }
  return planFleet(targets, total, seed, now).map(plan =>
    seedClusterLiveState(targetOf(targets, plan), plan, now),
  );
}

/**
 * Gives the seeded clusters that the GitOps sync created from Git their live
 * state (machines, replica counters, conditions, patch state, rollouts in
 * progress), as the controllers would have built it over time. A planned
 * cluster whose folder is gone from Git (decommissioned) is skipped, and so is
 * one that already has its control plane.
 */
export function seedLiveStateOfSyncedClusters(
  targets: SeedTarget[],
  plans: SeedClusterPlan[],
  now = new Date(),
): SeededCluster[] {
  const seeded: SeededCluster[] = [];
  const namespaces = new Map<string, Set<string>>();
  for (const plan of plans) {
    const target = targets.find(t => t.name === plan.managementCluster);
    if (!target) continue;
    const synced = target.store
      .list(RESOURCES.clusters)
      .find(c => c.metadata.name === plan.name);
    // Gone from Git, or already given its live state (the controllers own it then).
    if (!synced || synced.status?.phase) continue;
    const ns = namespaces.get(target.name) ?? new Set<string>();
    ns.add(synced.metadata.namespace!);
    namespaces.set(target.name, ns);
    seeded.push(seedClusterLiveState(target, plan, now, synced));
  }
  for (const target of targets) {
    seedClusterClasses(target, namespaces.get(target.name));
    seedManagementNodes(target, now);
  }
  return seeded;
}

function targetOf(targets: SeedTarget[], plan: SeedClusterPlan): SeedTarget {
  const target = targets.find(t => t.name === plan.managementCluster);
  if (!target) {
    throw new Error(`no management cluster "${plan.managementCluster}"`);
  }
  return target;
}

type Spec = Record<string, any>;

interface LivePool {
  topologyName: string;
  replicas: number;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  /** A classic-mode MachineDeployment synced from Git. */
  existing?: KubeObject;
}

function autoscalerMin(annotations?: Record<string, string>) {
  const min = Number(annotations?.[CAPI_ANNOTATIONS.autoscalerMin]);
  return Number.isFinite(min) ? min : undefined;
}

/** The cluster as planned, for seeding straight into the store. */
function plannedCluster(
  target: SeedTarget,
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
      ...(provisioning ? {} : { controlPlaneEndpoint: endpoint(plan.index) }),
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

function endpoint(index: number) {
  return { host: `10.${index % 250}.${(index >> 8) % 250}.10`, port: 6443 };
}

/**
 * Builds one cluster's live objects: from its plan alone (store seeding), or
 * around the Cluster (and, in classic mode, the control plane and
 * MachineDeployments) the GitOps sync created from Git.
 */
function seedClusterLiveState(
  target: SeedTarget,
  plan: SeedClusterPlan,
  now: Date,
  synced?: KubeObject,
): SeededCluster {
  const { store, provider } = target;
  const random = seededRandom(plan.liveSeed);
  const uid = () => seededUuid(random);
  const name = plan.name;
  const provisioning = plan.state === 'provisioning';
  const created = plan.createdAt;
  const failureDomains = FAILURE_DOMAINS[provider];

  let cluster: KubeObject;
  let existingKcp: KubeObject | undefined;
  let pools: LivePool[];
  let targetVersion: string;
  let cpReplicas: number;
  if (!synced) {
    cluster = plannedCluster(target, plan, uid());
    targetVersion = plan.targetVersion;
    cpReplicas = plan.controlPlaneReplicas;
    pools = plan.pools.map(p => ({
      topologyName: p.name,
      replicas: p.replicas,
      annotations: p.autoscaling
        ? {
            [CAPI_ANNOTATIONS.autoscalerMin]: String(p.autoscaling.min),
            [CAPI_ANNOTATIONS.autoscalerMax]: String(p.autoscaling.max),
          }
        : undefined,
    }));
  } else {
    cluster = synced;
    const spec = synced.spec as Spec;
    const topology = spec.topology as Spec | undefined;
    if (topology) {
      targetVersion = String(topology.version ?? plan.targetVersion);
      cpReplicas = Number(topology.controlPlane?.replicas ?? 1);
      pools = ((topology.workers?.machineDeployments ?? []) as Spec[]).map(
        md => ({
          topologyName: String(md.name),
          replicas: Number(
            md.replicas ?? autoscalerMin(md.metadata?.annotations) ?? 1,
          ),
          annotations: md.metadata?.annotations,
          labels: md.metadata?.labels,
        }),
      );
    } else {
      existingKcp = store.get(
        RESOURCES.controlPlanes,
        synced.metadata.namespace,
        String(spec.controlPlaneRef?.name),
      );
      targetVersion = String(
        (existingKcp?.spec as Spec | undefined)?.version ?? plan.targetVersion,
      );
      cpReplicas = Number(
        (existingKcp?.spec as Spec | undefined)?.replicas ?? 1,
      );
      pools = store
        .list(RESOURCES.machineDeployments, synced.metadata.namespace)
        .filter(md => (md.spec as Spec | undefined)?.clusterName === name)
        .map(md => ({
          topologyName: md.metadata.name,
          replicas: Number(
            (md.spec as Spec).replicas ??
              autoscalerMin(md.metadata.annotations) ??
              1,
          ),
          existing: md,
        }));
    }
  }
  // A cluster upgraded in Git since it was seeded runs what Git asks for.
  const version =
    targetVersion === plan.targetVersion ? plan.version : targetVersion;
  const namespace = cluster.metadata.namespace!;
  const clusterUid = cluster.metadata.uid!;
  const topologyMode = Boolean((cluster.spec as Spec).topology);
  const kcpName =
    existingKcp?.metadata.name ??
    `${name}-${suffix(clusterUid, 'control-plane')}`;
  cluster = {
    ...cluster,
    spec: {
      ...cluster.spec,
      ...(provisioning ? {} : { controlPlaneEndpoint: endpoint(plan.index) }),
      controlPlaneRef: controlPlaneRef(kcpName),
      infrastructureRef:
        (cluster.spec as Spec).infrastructureRef ??
        infrastructureRef(provider, 'cluster', name),
    },
  };

  const kcp: KubeObject = existingKcp
    ? {
        ...existingKcp,
        metadata: {
          ...existingKcp.metadata,
          labels: {
            ...existingKcp.metadata.labels,
            [CAPI_LABELS.clusterName]: name,
          },
        },
      }
    : buildControlPlane({
        name: kcpName,
        namespace,
        cluster,
        provider,
        replicas: cpReplicas,
        version: targetVersion,
        topologyOwned: topologyMode,
        uid: uid(),
        creationTimestamp: rfc3339(created),
      });

  const machinePhase = (controlPlane: boolean, i: number): MachinePhase => {
    if (!provisioning) return 'Running';
    if (controlPlane) return i === 0 ? 'Provisioning' : 'Pending';
    return 'Pending';
  };
  const machineFor = (
    machineOwner: KubeObject,
    opts: {
      controlPlane: boolean;
      i: number;
      md?: KubeObject;
      ms?: KubeObject;
      hash?: string;
    },
  ) => {
    const machineUid = uid();
    const machine = buildMachine(
      {
        name: `${(opts.ms ?? machineOwner).metadata.name}-${suffix(
          machineUid,
        )}`,
        namespace,
        clusterName: name,
        version,
        provider,
        owner: opts.ms ?? machineOwner,
        controlPlane: opts.controlPlane,
        deploymentName: opts.md?.metadata.name,
        machineSetName: opts.ms?.metadata.name,
        templateHash: opts.hash,
        failureDomain: failureDomains.length
          ? failureDomains[opts.i % failureDomains.length]
          : undefined,
        uid: machineUid,
        creationTimestamp: rfc3339(
          new Date(
            Math.max(
              created.getTime(),
              now.getTime() - random() * 60 * 24 * 3600_000,
            ),
          ),
        ),
      },
      now,
    );
    machine.metadata.annotations = {
      ...machine.metadata.annotations,
      ...patchAnnotations(random, now),
    };
    const { spec, status } = machineStatus(
      machine,
      machinePhase(opts.controlPlane, opts.i),
      provider,
      now,
      true,
    );
    machine.spec = { ...machine.spec, ...spec };
    machine.status = status;
    return machine;
  };

  const cpMachines: KubeObject[] = [];
  for (let i = 0; i < cpReplicas; i++) {
    cpMachines.push(machineFor(kcp, { controlPlane: true, i }));
  }
  const activeCp = provisioning
    ? cpMachines.filter(m => m.status?.phase !== 'Pending')
    : cpMachines;
  kcp.status = controlPlaneStatus(kcp, activeCp, now);

  const deployments: KubeObject[] = [];
  const workerSets: Array<{
    md: KubeObject;
    ms: KubeObject;
    machines: KubeObject[];
  }> = [];
  let degradedDone = plan.state !== 'degraded';
  for (const pool of pools) {
    const mdName =
      pool.existing?.metadata.name ??
      (topologyMode
        ? `${name}-${pool.topologyName}-${suffix(
            clusterUid,
            pool.topologyName,
          )}`
        : `${name}-${pool.topologyName}`);
    const existingTemplate = (pool.existing?.spec as Spec | undefined)?.template
      ?.spec as Spec | undefined;
    // The machines run `version`; while upgrading, Git already asks for the next.
    const templateSpec = existingTemplate
      ? { ...existingTemplate, clusterName: name, version }
      : workerTemplateSpec({
          clusterName: name,
          deploymentName: mdName,
          version,
          provider,
          machineTemplateName: `${mdName}-default-worker`,
        });
    const hash = templateHash(templateSpec);
    const mdLabels = {
      ...(pool.labels ?? {}),
      ...pool.existing?.metadata.labels,
      [CAPI_LABELS.clusterName]: name,
      [CAPI_LABELS.deploymentName]: mdName,
      ...(topologyMode
        ? {
            [CAPI_LABELS.topologyOwned]: '',
            [CAPI_LABELS.topologyDeploymentName]: pool.topologyName,
          }
        : {}),
    };
    const md: KubeObject = pool.existing
      ? {
          ...pool.existing,
          metadata: { ...pool.existing.metadata, labels: mdLabels },
          spec: { ...pool.existing.spec, replicas: pool.replicas },
        }
      : buildMachineDeployment({
          name: mdName,
          namespace,
          uid: uid(),
          creationTimestamp: rfc3339(created),
          clusterName: name,
          replicas: pool.replicas,
          labels: mdLabels,
          annotations: pool.annotations,
          owner: cluster,
          templateSpec,
        });
    const ms = buildMachineSet({
      deployment: md,
      uid: uid(),
      creationTimestamp: rfc3339(created),
      clusterName: name,
      templateHash: hash,
      replicas: pool.replicas,
      templateSpec,
    });
    const machines: KubeObject[] = [];
    for (let i = 0; i < pool.replicas; i++) {
      const machine = machineFor(md, {
        controlPlane: false,
        i,
        md,
        ms,
        hash,
      });
      if (!degradedDone) {
        machine.metadata.annotations = {
          ...machine.metadata.annotations,
          [UNHEALTHY_ANNOTATION]: pick(random, UNHEALTHY_REASONS),
        };
        const { status } = machineStatus(
          machine,
          'Running',
          provider,
          now,
          true,
        );
        machine.status = status;
        degradedDone = true;
      }
      machines.push(machine);
    }
    const isCurrent = (m: KubeObject) =>
      m.metadata.labels?.[TEMPLATE_HASH_LABEL] === hash;
    ms.status = workerSetStatus(ms, machines, now, isCurrent);
    md.status = workerSetStatus(md, machines, now, isCurrent);
    deployments.push(md);
    workerSets.push({ md, ms, machines });
  }
  cluster.status = clusterStatus(cluster, true, kcp, deployments, now);
  if (provisioning) {
    (cluster.status as Record<string, unknown>).phase = 'Provisioned';
  }

  const write = (resource: string, obj: KubeObject, exists: boolean) =>
    exists ? store.update(resource, obj) : store.create(resource, obj);
  write(RESOURCES.clusters, cluster, Boolean(synced));
  write(RESOURCES.controlPlanes, kcp, Boolean(existingKcp));
  cpMachines.forEach(m => store.create(RESOURCES.machines, m));
  for (const [i, { md, ms, machines }] of workerSets.entries()) {
    write(RESOURCES.machineDeployments, md, Boolean(pools[i].existing));
    store.create(RESOURCES.machineSets, ms);
    machines.forEach(m => store.create(RESOURCES.machines, m));
  }
  return {
    managementCluster: target.name,
    namespace,
    name,
    inProgress: plan.state === 'provisioning' || version !== targetVersion,
  };
}
