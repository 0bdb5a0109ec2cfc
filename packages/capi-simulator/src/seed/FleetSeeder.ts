import {
  CAPI_ANNOTATIONS,
  CAPI_LABELS,
  CLUSTER_ANNOTATIONS,
  CLUSTER_LABELS,
  DEFAULT_PATCH_ANNOTATIONS,
  gitopsClusterPath,
} from '@capstan/plugin-capi-common';
import { INFRASTRUCTURE_KINDS, InfrastructureProvider } from '../api/resources';
import {
  KCP_API_VERSION,
  MachinePhase,
  RESOURCES,
  TEMPLATE_HASH_LABEL,
  UNHEALTHY_ANNOTATION,
  V1BETA2,
  buildMachine,
  clusterStatus,
  controlPlaneStatus,
  infrastructureRef,
  machineStatus,
  ownerRef,
  suffix,
  templateHash,
  workerSetStatus,
} from '../reconciler/capiObjects';
import { InMemoryObjectStore, rfc3339 } from '../store/InMemoryObjectStore';
import { KubeObject } from '../types';
import { pick, seededRandom, seededUuid, weighted } from './random';

/** Example owners: group → the component that requests its clusters. */
export const EXAMPLE_OWNERS = [
  { group: 'team-payments', component: 'payments-api' },
  { group: 'team-checkout', component: 'checkout-web' },
  { group: 'team-search', component: 'search-indexer' },
  { group: 'team-data', component: 'data-pipeline' },
  { group: 'team-platform', component: 'platform-gateway' },
] as const;

export const SEED_VERSIONS = [
  'v1.31.9',
  'v1.32.6',
  'v1.33.2',
  'v1.34.1',
] as const;

const PROFILE_PREFIX: Record<InfrastructureProvider, string> = {
  vsphere: 'onprem-fra',
  aws: 'aws-eu-central',
  azure: 'azure-westeurope',
  docker: 'dev-local',
};

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

export interface SeedTarget {
  name: string;
  provider: InfrastructureProvider;
  store: InMemoryObjectStore;
}

export interface SeededCluster {
  managementCluster: string;
  namespace: string;
  name: string;
  /** Still provisioning or upgrading: the reconciler has work to do. */
  inProgress: boolean;
}

type ClusterState = 'available' | 'provisioning' | 'upgrading' | 'degraded';

/** ClusterClasses every management cluster has, one per provider, in each team namespace. */
export function seedClusterClasses(target: SeedTarget) {
  for (const owner of EXAMPLE_OWNERS) {
    const kinds = INFRASTRUCTURE_KINDS[target.provider];
    const name = `${target.provider}-standard`;
    if (target.store.get(RESOURCES.clusterClasses, owner.group, name)) continue;
    target.store.create(RESOURCES.clusterClasses, {
      apiVersion: V1BETA2,
      kind: 'ClusterClass',
      metadata: { name, namespace: owner.group },
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

function nextVersion(version: string): string {
  const index = SEED_VERSIONS.indexOf(
    version as (typeof SEED_VERSIONS)[number],
  );
  return SEED_VERSIONS[Math.min(SEED_VERSIONS.length - 1, index + 1)];
}

/**
 * Seeds `total` workload clusters over the targets (round robin), each with its
 * control plane, MachineDeployments, MachineSets and Machines in a consistent
 * state. The same seed gives the same fleet.
 */
export function seedFleet(
  targets: SeedTarget[],
  total: number,
  seed: number,
  now = new Date(),
): SeededCluster[] {
  const random = seededRandom(seed);
  const seeded: SeededCluster[] = [];
  for (const target of targets) {
    seedClusterClasses(target);
    seedManagementNodes(target, now);
  }
  for (let i = 0; i < total; i++) {
    const target = targets[i % targets.length];
    seeded.push(seedCluster(target, i, random, now));
  }
  return seeded;
}

function seedCluster(
  target: SeedTarget,
  index: number,
  random: () => number,
  now: Date,
): SeededCluster {
  const { store, provider } = target;
  const owner = pick(random, EXAMPLE_OWNERS);
  const namespace = owner.group;
  const env = weighted(random, [
    ['prod', 3],
    ['staging', 2],
    ['dev', 3],
  ] as const);
  const name = `${owner.component.split('-')[0]}-${env}-${String(
    index + 1,
  ).padStart(5, '0')}`;
  const topologyMode = random() < 0.85;
  const version = weighted(random, [
    [SEED_VERSIONS[0], 1],
    [SEED_VERSIONS[1], 3],
    [SEED_VERSIONS[2], 4],
    [SEED_VERSIONS[3], 2],
  ] as const);
  const state = weighted<ClusterState>(random, [
    ['available', 80],
    ['provisioning', 7],
    ['upgrading', 7],
    ['degraded', 6],
  ]);
  const targetVersion = state === 'upgrading' ? nextVersion(version) : version;
  const cpReplicas = env === 'prod' || random() < 0.4 ? 3 : 1;
  const poolCount = 1 + Math.floor(random() * 3);
  const created = new Date(
    now.getTime() - (1 + random() * 400) * 24 * 3600_000,
  );
  const uid = () => seededUuid(random);
  const clusterUid = uid();
  const profile = `${PROFILE_PREFIX[provider]}-${env}`;
  const failureDomains = FAILURE_DOMAINS[provider];
  const provisioning = state === 'provisioning';

  const pools = Array.from({ length: poolCount }, (_, p) => {
    const autoscaled = random() < 0.25;
    const replicas = 1 + Math.floor(random() * 3);
    return {
      topologyName:
        p === 0
          ? 'md-0'
          : `${pick(random, ['general', 'highmem', 'gpu', 'batch'])}-${p}`,
      replicas,
      annotations: autoscaled
        ? {
            [CAPI_ANNOTATIONS.autoscalerMin]: String(replicas),
            [CAPI_ANNOTATIONS.autoscalerMax]: String(replicas + 3),
          }
        : undefined,
    };
  });

  const kcpName = `${name}-${suffix(clusterUid, 'control-plane')}`;
  const cluster: KubeObject = {
    apiVersion: V1BETA2,
    kind: 'Cluster',
    metadata: {
      name,
      namespace,
      uid: clusterUid,
      creationTimestamp: rfc3339(created),
      labels: {
        [CLUSTER_LABELS.owner]: owner.group,
        [CLUSTER_LABELS.entityKind]: 'component',
        [CLUSTER_LABELS.entityNamespace]: 'default',
        [CLUSTER_LABELS.entityName]: owner.component,
        [CLUSTER_LABELS.profile]: profile,
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
      controlPlaneEndpoint: provisioning
        ? undefined
        : { host: `10.${index % 250}.${(index >> 8) % 250}.10`, port: 6443 },
      controlPlaneRef: {
        apiGroup: 'controlplane.cluster.x-k8s.io',
        kind: 'KubeadmControlPlane',
        name: kcpName,
      },
      infrastructureRef: infrastructureRef(provider, 'cluster', name),
      ...(topologyMode
        ? {
            topology: {
              classRef: { name: `${provider}-standard` },
              version: targetVersion,
              controlPlane: { replicas: cpReplicas },
              workers: {
                machineDeployments: pools.map(p => ({
                  class: 'default-worker',
                  name: p.topologyName,
                  ...(p.annotations
                    ? { metadata: { annotations: p.annotations } }
                    : { replicas: p.replicas }),
                })),
              },
            },
          }
        : {}),
    },
  };
  if (!(cluster.spec as Record<string, unknown>).controlPlaneEndpoint)
    delete (cluster.spec as Record<string, unknown>).controlPlaneEndpoint;

  const kcp: KubeObject = {
    apiVersion: KCP_API_VERSION,
    kind: 'KubeadmControlPlane',
    metadata: {
      name: kcpName,
      namespace,
      uid: uid(),
      creationTimestamp: rfc3339(created),
      labels: {
        [CAPI_LABELS.clusterName]: name,
        ...(topologyMode ? { [CAPI_LABELS.topologyOwned]: '' } : {}),
      },
      ownerReferences: [ownerRef(cluster)],
    },
    spec: {
      replicas: cpReplicas,
      version: targetVersion,
      machineTemplate: {
        spec: {
          infrastructureRef: infrastructureRef(
            provider,
            'machineTemplate',
            `${name}-control-plane-${suffix(clusterUid, 'cp-template')}`,
          ),
        },
      },
      kubeadmConfigSpec: {},
    },
  };

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
      version: string;
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
        version: opts.version,
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
    cpMachines.push(machineFor(kcp, { controlPlane: true, i, version }));
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
  let degradedDone = state !== 'degraded';
  for (const pool of pools) {
    const mdName = topologyMode
      ? `${name}-${pool.topologyName}-${suffix(clusterUid, pool.topologyName)}`
      : `${name}-${pool.topologyName}`;
    const templateSpec = {
      clusterName: name,
      version,
      bootstrap: {
        configRef: {
          apiGroup: 'bootstrap.cluster.x-k8s.io',
          kind: 'KubeadmConfigTemplate',
          name: `${mdName}-bootstrap`,
        },
      },
      infrastructureRef: infrastructureRef(
        provider,
        'machineTemplate',
        `${mdName}-default-worker`,
      ),
    };
    const hash = templateHash(templateSpec);
    const md: KubeObject = {
      apiVersion: V1BETA2,
      kind: 'MachineDeployment',
      metadata: {
        name: mdName,
        namespace,
        uid: uid(),
        creationTimestamp: rfc3339(created),
        labels: {
          [CAPI_LABELS.clusterName]: name,
          [CAPI_LABELS.deploymentName]: mdName,
          ...(topologyMode
            ? {
                [CAPI_LABELS.topologyOwned]: '',
                [CAPI_LABELS.topologyDeploymentName]: pool.topologyName,
              }
            : {}),
        },
        ...(pool.annotations ? { annotations: pool.annotations } : {}),
        ownerReferences: [ownerRef(cluster)],
      },
      spec: {
        clusterName: name,
        replicas: pool.replicas,
        selector: {
          matchLabels: {
            [CAPI_LABELS.clusterName]: name,
            [CAPI_LABELS.deploymentName]: mdName,
          },
        },
        template: {
          metadata: {
            labels: {
              [CAPI_LABELS.clusterName]: name,
              [CAPI_LABELS.deploymentName]: mdName,
            },
          },
          spec: templateSpec,
        },
      },
    };
    const ms: KubeObject = {
      apiVersion: V1BETA2,
      kind: 'MachineSet',
      metadata: {
        name: `${mdName}-${hash}`,
        namespace,
        uid: uid(),
        creationTimestamp: rfc3339(created),
        labels: {
          [CAPI_LABELS.clusterName]: name,
          [CAPI_LABELS.deploymentName]: mdName,
          [TEMPLATE_HASH_LABEL]: hash,
        },
        ownerReferences: [ownerRef(md)],
      },
      spec: {
        clusterName: name,
        replicas: pool.replicas,
        selector: {
          matchLabels: {
            [CAPI_LABELS.clusterName]: name,
            [TEMPLATE_HASH_LABEL]: hash,
          },
        },
        template: {
          metadata: {
            labels: {
              [CAPI_LABELS.clusterName]: name,
              [CAPI_LABELS.deploymentName]: mdName,
              [TEMPLATE_HASH_LABEL]: hash,
            },
          },
          spec: templateSpec,
        },
      },
    };
    const machines: KubeObject[] = [];
    for (let i = 0; i < pool.replicas; i++) {
      const machine = machineFor(md, {
        controlPlane: false,
        i,
        version,
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

  store.create(RESOURCES.clusters, cluster);
  store.create(RESOURCES.controlPlanes, kcp);
  cpMachines.forEach(m => store.create(RESOURCES.machines, m));
  for (const { md, ms, machines } of workerSets) {
    store.create(RESOURCES.machineDeployments, md);
    store.create(RESOURCES.machineSets, ms);
    machines.forEach(m => store.create(RESOURCES.machines, m));
  }
  return {
    managementCluster: target.name,
    namespace,
    name,
    inProgress: state === 'provisioning' || state === 'upgrading',
  };
}
