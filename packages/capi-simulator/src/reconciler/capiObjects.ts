import { createHash } from 'node:crypto';
import {
  CAPI_LABELS,
  DEFAULT_PATCH_ANNOTATIONS,
} from '@capstan/plugin-capi-common';
import { INFRASTRUCTURE_KINDS, InfrastructureProvider } from '../api/resources';
import { rfc3339 } from '../store/InMemoryObjectStore';
import { KubeObject, OwnerReference } from '../types';

/**
 * Builders for the CAPI objects the simulator creates (seeding and the
 * lifecycle reconciler share them), and the status roll-ups the CAPI
 * controllers would write, in the v1beta2 shape.
 */

export const RESOURCES = {
  clusters: 'clusters.cluster.x-k8s.io',
  clusterClasses: 'clusterclasses.cluster.x-k8s.io',
  controlPlanes: 'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io',
  machineDeployments: 'machinedeployments.cluster.x-k8s.io',
  machineSets: 'machinesets.cluster.x-k8s.io',
  machines: 'machines.cluster.x-k8s.io',
} as const;

/** Simulator-only annotation: makes a running machine's node unhealthy, value `Reason: message`. */
export const UNHEALTHY_ANNOTATION = 'capi-simulator.capstan.dev/unhealthy';
/** Label CAPI puts on a MachineSet's machines: hash of the machine template. */
export const TEMPLATE_HASH_LABEL = 'machine-template-hash';
export const MACHINE_SET_LABEL = 'cluster.x-k8s.io/set-name';

const V1BETA2 = 'cluster.x-k8s.io/v1beta2';
const KCP_API_VERSION = 'controlplane.cluster.x-k8s.io/v1beta2';

export type Condition = {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message?: string;
  lastTransitionTime: string;
  observedGeneration?: number;
};

export function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('/')).digest('hex').slice(0, 5);
}

/** Like CAPI's generated name suffixes: 5 characters from a hash, stable for the same inputs. */
export function suffix(...parts: string[]): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const hex = createHash('sha256').update(parts.join('/')).digest();
  let out = '';
  for (let i = 0; i < 5; i++) out += alphabet[hex[i] % alphabet.length];
  return out;
}

/** Identifies a MachineDeployment's machine template, like CAPI's machine-template-hash label. */
export function templateHash(templateSpec: Record<string, unknown>): string {
  return shortHash(
    String(templateSpec.version ?? ''),
    JSON.stringify(templateSpec.infrastructureRef ?? {}),
    JSON.stringify(templateSpec.bootstrap ?? {}),
  );
}

export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Builds a condition, keeping the previous transition time while the status is unchanged. */
export function condition(
  previous: Condition[] | undefined,
  type: string,
  status: boolean | 'Unknown',
  reason: string,
  message: string | undefined,
  now: Date,
  observedGeneration?: number,
): Condition {
  let value: Condition['status'] = 'Unknown';
  if (status !== 'Unknown') value = status ? 'True' : 'False';
  const before = previous?.find(c => c.type === type);
  return {
    type,
    status: value,
    reason,
    ...(message ? { message } : {}),
    lastTransitionTime:
      before && before.status === value
        ? before.lastTransitionTime
        : rfc3339(now),
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
  };
}

/** A v1beta1-style condition (with severity), kept under status.deprecated.v1beta1 for v1beta1 readers. */
function legacyCondition(
  c: Condition,
  severity: 'Error' | 'Warning' | 'Info' = 'Warning',
) {
  return {
    type: c.type,
    status: c.status,
    ...(c.status === 'True'
      ? {}
      : {
          severity,
          reason: c.reason,
          ...(c.message ? { message: c.message } : {}),
        }),
    lastTransitionTime: c.lastTransitionTime,
  };
}

export function conditionsOf(
  obj: KubeObject | undefined,
): Condition[] | undefined {
  return (obj?.status as { conditions?: Condition[] } | undefined)?.conditions;
}

export function providerOfKind(
  kind: string | undefined,
): InfrastructureProvider | undefined {
  if (!kind) return undefined;
  if (kind.startsWith('VSphere')) return 'vsphere';
  if (kind.startsWith('AWS')) return 'aws';
  if (kind.startsWith('Azure')) return 'azure';
  if (kind.startsWith('Dev') || kind.startsWith('Docker')) return 'docker';
  return undefined;
}

export function infrastructureRef(
  provider: InfrastructureProvider,
  kind: 'cluster' | 'machine' | 'machineTemplate',
  name: string,
) {
  return {
    apiGroup: 'infrastructure.cluster.x-k8s.io',
    kind: INFRASTRUCTURE_KINDS[provider][kind],
    name,
  };
}

// ---------------------------------------------------------------- machines

export interface MachineInit {
  name: string;
  namespace: string;
  clusterName: string;
  version: string;
  provider: InfrastructureProvider;
  owner: KubeObject;
  controlPlane: boolean;
  deploymentName?: string;
  machineSetName?: string;
  templateHash?: string;
  failureDomain?: string;
  uid?: string;
  creationTimestamp?: string;
}

export function freshPatchAnnotations(now: Date): Record<string, string> {
  return {
    [DEFAULT_PATCH_ANNOTATIONS.lastPatched]: rfc3339(now),
    [DEFAULT_PATCH_ANNOTATIONS.pendingUpdates]: '0',
    [DEFAULT_PATCH_ANNOTATIONS.pendingSecurityUpdates]: '0',
    [DEFAULT_PATCH_ANNOTATIONS.rebootRequired]: 'false',
  };
}

export function buildMachine(init: MachineInit, now: Date): KubeObject {
  const labels: Record<string, string> = {
    [CAPI_LABELS.clusterName]: init.clusterName,
  };
  if (init.controlPlane) labels[CAPI_LABELS.controlPlane] = '';
  if (init.deploymentName)
    labels[CAPI_LABELS.deploymentName] = init.deploymentName;
  if (init.machineSetName) labels[MACHINE_SET_LABEL] = init.machineSetName;
  if (init.templateHash) labels[TEMPLATE_HASH_LABEL] = init.templateHash;
  return {
    apiVersion: V1BETA2,
    kind: 'Machine',
    metadata: {
      name: init.name,
      namespace: init.namespace,
      labels,
      annotations: freshPatchAnnotations(now),
      ownerReferences: [ownerRef(init.owner)],
      ...(init.uid ? { uid: init.uid } : {}),
      ...(init.creationTimestamp
        ? { creationTimestamp: init.creationTimestamp }
        : {}),
    },
    spec: {
      clusterName: init.clusterName,
      version: init.version,
      bootstrap: {
        configRef: {
          apiGroup: 'bootstrap.cluster.x-k8s.io',
          kind: 'KubeadmConfig',
          name: init.name,
        },
      },
      infrastructureRef: infrastructureRef(init.provider, 'machine', init.name),
      ...(init.failureDomain ? { failureDomain: init.failureDomain } : {}),
    },
    status: { phase: 'Pending' },
  };
}

function hashNumber(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

function providerId(
  provider: InfrastructureProvider,
  name: string,
  uid: string,
): string {
  switch (provider) {
    case 'vsphere':
      return `vsphere://${uid}`;
    case 'aws':
      return `aws:///eu-central-1${'abc'[hashNumber(uid) % 3]}/i-0${uid
        .replace(/-/g, '')
        .slice(0, 16)}`;
    case 'azure':
      return `azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/capi/providers/Microsoft.Compute/virtualMachines/${name}`;
    default:
      return `docker:////${name}`;
  }
}

export function machineAddress(uid: string): string {
  const n = hashNumber(uid);
  return `10.${(n >> 16) & 0xff}.${(n >> 8) & 0xff}.${(n & 0xfe) + 1}`;
}

const OS_IMAGES: Record<InfrastructureProvider, string> = {
  vsphere: 'Ubuntu 24.04.1 LTS',
  aws: 'Ubuntu 22.04.5 LTS',
  azure: 'Ubuntu 22.04.5 LTS',
  docker: 'Debian GNU/Linux 12 (bookworm)',
};

export type MachinePhase =
  | 'Pending'
  | 'Provisioning'
  | 'Provisioned'
  | 'Running'
  | 'Deleting'
  | 'Failed';

/** The status a machine has in a phase: what CAPI, the bootstrap and infrastructure providers would report. */
export function machineStatus(
  machine: KubeObject,
  phase: MachinePhase,
  provider: InfrastructureProvider,
  now: Date,
  upToDate = true,
): { spec: Record<string, unknown>; status: Record<string, unknown> } {
  const previous = conditionsOf(machine);
  const name = machine.metadata.name;
  const uid = machine.metadata.uid ?? name;
  const version = String(machine.spec?.version ?? '');
  const generation = machine.metadata.generation;
  const controlPlane =
    machine.metadata.labels?.[CAPI_LABELS.controlPlane] !== undefined;
  const bootstrapped = phase !== 'Pending';
  const provisioned =
    phase === 'Provisioned' || phase === 'Running' || phase === 'Deleting';
  const running = phase === 'Running';
  const unhealthy = machine.metadata.annotations?.[UNHEALTHY_ANNOTATION];
  const [badReason, ...badMessage] = (unhealthy ?? '').split(':');
  const healthy = running && !unhealthy;
  const notRunningReason =
    phase === 'Deleting' ? 'Deleting' : 'NodeDoesNotExist';
  const badText = badMessage.join(':').trim();
  // Reasons and messages of the node conditions: healthy, running but unhealthy, or not running yet.
  let node: {
    readyReason: string;
    healthyReason: string;
    readyMessage?: string;
    healthyMessage?: string;
    machineMessage?: string;
  } = {
    readyReason: 'NodeReady',
    healthyReason: 'NodeHealthy',
  };
  if (running && !healthy) {
    node = {
      readyReason: 'NodeNotReady',
      healthyReason: badReason.trim() || 'NodeConditionsFailed',
      readyMessage: `* Node.Ready: ${badText || badReason}`,
      healthyMessage: badText || 'Node conditions failed',
      machineMessage: `* NodeHealthy: ${badText || badReason}`,
    };
  } else if (!running) {
    node = {
      readyReason: notRunningReason,
      healthyReason: notRunningReason,
      readyMessage: 'Waiting for a Node',
      healthyMessage: 'Waiting for a Node',
      machineMessage: `* Machine is ${phase.toLowerCase()}`,
    };
  }
  const conditions: Condition[] = [
    condition(
      previous,
      'BootstrapConfigReady',
      bootstrapped,
      bootstrapped ? 'Ready' : 'NotReady',
      bootstrapped
        ? undefined
        : 'KubeadmConfig status.initialization.dataSecretCreated is false',
      now,
      generation,
    ),
    condition(
      previous,
      'InfrastructureReady',
      provisioned,
      provisioned ? 'Ready' : 'NotReady',
      provisioned
        ? undefined
        : `${INFRASTRUCTURE_KINDS[provider].machine} status.initialization.provisioned is false`,
      now,
      generation,
    ),
    condition(
      previous,
      'NodeReady',
      healthy,
      node.readyReason,
      node.readyMessage,
      now,
      generation,
    ),
    condition(
      previous,
      'NodeHealthy',
      healthy,
      node.healthyReason,
      node.healthyMessage,
      now,
      generation,
    ),
    condition(
      previous,
      'Ready',
      healthy,
      healthy ? 'Ready' : 'NotReady',
      node.machineMessage,
      now,
      generation,
    ),
    condition(
      previous,
      'Available',
      healthy,
      healthy ? 'Available' : 'NotReady',
      undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'UpToDate',
      upToDate,
      upToDate ? 'UpToDate' : 'NotUpToDate',
      upToDate ? undefined : '* Version and/or template changed',
      now,
      generation,
    ),
    condition(
      previous,
      'Deleting',
      phase === 'Deleting',
      phase === 'Deleting' ? 'DrainingNode' : 'NotDeleting',
      undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'Paused',
      false,
      'NotPaused',
      undefined,
      now,
      generation,
    ),
  ];
  const status: Record<string, unknown> = {
    phase,
    observedGeneration: generation,
    initialization: {
      bootstrapDataSecretCreated: bootstrapped,
      infrastructureProvisioned: provisioned,
    },
    conditions,
    lastUpdated:
      (machine.status as { phase?: string; lastUpdated?: string })?.phase ===
      phase
        ? (machine.status as { lastUpdated?: string }).lastUpdated ??
          rfc3339(now)
        : rfc3339(now),
    deprecated: {
      v1beta1: {
        conditions: [
          'Ready',
          'BootstrapConfigReady',
          'InfrastructureReady',
          'NodeHealthy',
        ]
          .map(type =>
            legacyCondition(conditions.find(c => c.type === type)!, 'Warning'),
          )
          .map(c =>
            c.type === 'BootstrapConfigReady'
              ? { ...c, type: 'BootstrapReady' }
              : c,
          ),
      },
    },
  };
  const spec: Record<string, unknown> = {};
  if (provisioned) {
    spec.providerID = providerId(provider, name, uid);
    status.addresses = [
      { type: 'InternalIP', address: machineAddress(uid) },
      { type: 'Hostname', address: name },
    ];
  }
  if (running || (phase === 'Deleting' && provisioned)) {
    status.nodeRef = { name };
    const kernel = (machine.status as { nodeInfo?: { kernelVersion?: string } })
      ?.nodeInfo?.kernelVersion;
    status.nodeInfo = {
      architecture: 'amd64',
      bootID: uid,
      containerRuntimeVersion: 'containerd://1.7.24',
      kernelVersion:
        kernel ??
        (provider === 'docker' ? '6.1.0-28-amd64' : '6.8.0-49-generic'),
      kubeProxyVersion: version,
      kubeletVersion: version,
      machineID: uid.replace(/-/g, ''),
      operatingSystem: 'linux',
      osImage: OS_IMAGES[provider],
      systemUUID: uid,
    };
    if (controlPlane) {
      const created =
        Date.parse(machine.metadata.creationTimestamp ?? '') || now.getTime();
      status.certificatesExpiryDate = rfc3339(
        new Date(created + 365 * 24 * 3600_000),
      );
    }
  }
  return { spec, status };
}

// ------------------------------------------------------------ roll-ups

export interface ReplicaCounts {
  desired: number;
  replicas: number;
  ready: number;
  available: number;
  upToDate: number;
}

export function countMachines(
  machines: KubeObject[],
  desired: number,
  isUpToDate: (m: KubeObject) => boolean,
): ReplicaCounts {
  let ready = 0;
  let available = 0;
  let upToDate = 0;
  for (const m of machines) {
    const conditions = conditionsOf(m);
    if (conditions?.find(c => c.type === 'Ready')?.status === 'True') ready++;
    if (conditions?.find(c => c.type === 'Available')?.status === 'True')
      available++;
    if (isUpToDate(m)) upToDate++;
  }
  return { desired, replicas: machines.length, ready, available, upToDate };
}

/** CAPI v1.14 `status.versions`: how many machines run each Kubernetes version (spec.version). */
export function versionCounts(
  machines: KubeObject[],
): Array<{ version: string; replicas: number }> {
  const counts = new Map<string, number>();
  for (const m of machines) {
    const version = m.spec?.version;
    if (typeof version === 'string' && version)
      counts.set(version, (counts.get(version) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => b.localeCompare(a, 'en', { numeric: true }))
    .map(([version, replicas]) => ({ version, replicas }));
}

/** Sums `versions` lists of several objects. */
function mergeVersionCounts(
  objects: Array<KubeObject | undefined>,
): Array<{ version: string; replicas: number }> {
  const counts = new Map<string, number>();
  for (const o of objects) {
    const versions = (o?.status as { versions?: unknown } | undefined)
      ?.versions;
    if (!Array.isArray(versions)) continue;
    for (const v of versions as Array<{ version: string; replicas: number }>)
      counts.set(v.version, (counts.get(v.version) ?? 0) + v.replicas);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => b.localeCompare(a, 'en', { numeric: true }))
    .map(([version, replicas]) => ({ version, replicas }));
}

function unhealthyMessages(machines: KubeObject[]): string[] {
  return machines
    .filter(
      m =>
        m.status?.phase === 'Running' &&
        conditionsOf(m)?.find(c => c.type === 'Ready')?.status !== 'True',
    )
    .map(
      m =>
        `* Machine ${m.metadata.name}: ${
          conditionsOf(m)?.find(c => c.type === 'NodeHealthy')?.message ??
          'not ready'
        }`,
    );
}

function replicaConditions(
  previous: Condition[] | undefined,
  counts: ReplicaCounts,
  now: Date,
  generation: number | undefined,
  what: string,
) {
  const rollingOut = counts.upToDate < counts.replicas;
  const scalingUp = counts.replicas < counts.desired;
  const scalingDown = counts.replicas > counts.desired && !rollingOut;
  return [
    condition(
      previous,
      'RollingOut',
      rollingOut,
      rollingOut ? 'RollingOut' : 'NotRollingOut',
      rollingOut
        ? `Rolling out ${
            counts.replicas - counts.upToDate
          } not up-to-date ${what}`
        : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'ScalingUp',
      scalingUp,
      scalingUp ? 'ScalingUp' : 'NotScalingUp',
      scalingUp
        ? `Scaling up from ${counts.replicas} to ${counts.desired} replicas`
        : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'ScalingDown',
      scalingDown,
      scalingDown ? 'ScalingDown' : 'NotScalingDown',
      scalingDown
        ? `Scaling down from ${counts.replicas} to ${counts.desired} replicas`
        : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'MachinesReady',
      counts.ready === counts.replicas,
      counts.ready === counts.replicas ? 'Ready' : 'NotReady',
      counts.ready === counts.replicas
        ? undefined
        : `${counts.replicas - counts.ready} of ${
            counts.replicas
          } ${what} not ready`,
      now,
      generation,
    ),
    condition(
      previous,
      'MachinesUpToDate',
      !rollingOut,
      rollingOut ? 'NotUpToDate' : 'UpToDate',
      rollingOut
        ? `${counts.replicas - counts.upToDate} of ${
            counts.replicas
          } ${what} not up-to-date`
        : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'Remediating',
      false,
      'NotRemediating',
      undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'Deleting',
      false,
      'NotDeleting',
      undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'Paused',
      false,
      'NotPaused',
      undefined,
      now,
      generation,
    ),
  ];
}

/** KubeadmControlPlane status from its machines. */
export function controlPlaneStatus(
  kcp: KubeObject,
  machines: KubeObject[],
  now: Date,
): Record<string, unknown> {
  const desired = Number(kcp.spec?.replicas ?? 1);
  const version = String(kcp.spec?.version ?? '');
  const counts = countMachines(
    machines,
    desired,
    m => m.spec?.version === version,
  );
  const previous = conditionsOf(kcp);
  const generation = kcp.metadata.generation;
  const initialized =
    (kcp.status as { initialization?: { controlPlaneInitialized?: boolean } })
      ?.initialization?.controlPlaneInitialized === true ||
    machines.some(m => m.status?.phase === 'Running');
  const available =
    initialized &&
    counts.available > 0 &&
    counts.available >= Math.floor(desired / 2) + 1;
  const running = machines
    .filter(m => m.status?.phase === 'Running')
    .map(m => String(m.spec?.version));
  const lowest = running.sort()[0];
  const problems = unhealthyMessages(machines);
  return {
    observedGeneration: generation,
    selector: `cluster.x-k8s.io/cluster-name=${
      kcp.metadata.labels?.[CAPI_LABELS.clusterName] ?? ''
    },cluster.x-k8s.io/control-plane`,
    replicas: counts.replicas,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    upToDateReplicas: counts.upToDate,
    ...(lowest ? { version: lowest } : {}),
    versions: versionCounts(machines),
    initialization: { controlPlaneInitialized: initialized },
    conditions: [
      condition(
        previous,
        'Available',
        available,
        available ? 'Available' : 'NotAvailable',
        available
          ? undefined
          : problems.join('\n') || 'Control plane is not available yet',
        now,
        generation,
      ),
      condition(
        previous,
        'Initialized',
        initialized,
        initialized ? 'Initialized' : 'NotInitialized',
        initialized ? undefined : 'Control plane not yet initialized',
        now,
        generation,
      ),
      ...replicaConditions(
        previous,
        counts,
        now,
        generation,
        'control plane machines',
      ),
    ],
    deprecated: {
      v1beta1: {
        readyReplicas: counts.ready,
        updatedReplicas: counts.upToDate,
        unavailableReplicas: counts.replicas - counts.available,
        ready: available,
        conditions: [
          {
            type: 'Ready',
            status: available ? 'True' : 'False',
            lastTransitionTime: rfc3339(now),
            ...(available
              ? {}
              : { severity: 'Warning', reason: 'NotAvailable' }),
          },
        ],
      },
    },
  };
}

/** MachineDeployment (or MachineSet) status from its machines. */
export function workerSetStatus(
  owner: KubeObject,
  machines: KubeObject[],
  now: Date,
  isUpToDate: (m: KubeObject) => boolean,
): Record<string, unknown> {
  const desired = Number(owner.spec?.replicas ?? 1);
  const counts = countMachines(machines, desired, isUpToDate);
  const previous = conditionsOf(owner);
  const generation = owner.metadata.generation;
  // Available when no more machines are unavailable than maxUnavailable (0 in the default strategy) allows, at steady state.
  const available = counts.available >= desired;
  const problems = unhealthyMessages(machines);
  let phase = 'Running';
  if (counts.replicas < desired) phase = 'ScalingUp';
  else if (counts.replicas > desired) phase = 'ScalingDown';
  const clusterName =
    owner.spec?.clusterName ?? owner.metadata.labels?.[CAPI_LABELS.clusterName];
  return {
    observedGeneration: generation,
    selector: `cluster.x-k8s.io/cluster-name=${clusterName},cluster.x-k8s.io/deployment-name=${
      owner.metadata.labels?.[CAPI_LABELS.deploymentName] ?? owner.metadata.name
    }`,
    replicas: counts.replicas,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    upToDateReplicas: counts.upToDate,
    versions: versionCounts(machines),
    ...(owner.kind === 'MachineDeployment' ? { phase } : {}),
    conditions: [
      condition(
        previous,
        'Available',
        available,
        available ? 'Available' : 'NotAvailable',
        available
          ? undefined
          : problems.join('\n') ||
              `${counts.available} available replicas, at least ${desired} required`,
        now,
        generation,
      ),
      ...replicaConditions(previous, counts, now, generation, 'machines'),
    ],
    deprecated: {
      v1beta1: {
        readyReplicas: counts.ready,
        availableReplicas: counts.available,
        updatedReplicas: counts.upToDate,
        unavailableReplicas: Math.max(0, desired - counts.available),
        conditions: [
          {
            type: 'Ready',
            status: available ? 'True' : 'False',
            lastTransitionTime: rfc3339(now),
            ...(available
              ? {}
              : { severity: 'Warning', reason: 'WaitingForAvailableMachines' }),
          },
        ],
      },
    },
  };
}

/**
 * The Cluster's `ControlPlaneMachinesReady`, `WorkerMachinesReady`,
 * `ControlPlaneMachinesUpToDate` and `WorkerMachinesUpToDate`, aggregated
 * from the same conditions of the control plane and pools as CAPI does from
 * their machines.
 */
function machineSummaries(
  previous: Condition[] | undefined,
  controlPlane: KubeObject | undefined,
  workers: KubeObject[],
  now: Date,
  generation: number | undefined,
): Condition[] {
  const aggregate = (
    type: string,
    from: Array<KubeObject | undefined>,
    source: string,
    okReason: string,
    badReason: string,
  ) => {
    const bad = from.filter(
      o =>
        o && conditionsOf(o)?.find(c => c.type === source)?.status === 'False',
    ) as KubeObject[];
    if (from.filter(Boolean).length === 0)
      return condition(
        previous,
        type,
        true,
        'NoReplicas',
        undefined,
        now,
        generation,
      );
    return condition(
      previous,
      type,
      bad.length === 0,
      bad.length === 0 ? okReason : badReason,
      bad.length === 0
        ? undefined
        : bad
            .map(
              o =>
                `* ${o.kind} ${o.metadata.name}: ${
                  conditionsOf(o)?.find(c => c.type === source)?.message ??
                  source
                }`,
            )
            .join('\n'),
      now,
      generation,
    );
  };
  return [
    aggregate(
      'ControlPlaneMachinesReady',
      [controlPlane],
      'MachinesReady',
      'Ready',
      'NotReady',
    ),
    aggregate(
      'WorkerMachinesReady',
      workers,
      'MachinesReady',
      'Ready',
      'NotReady',
    ),
    aggregate(
      'ControlPlaneMachinesUpToDate',
      [controlPlane],
      'MachinesUpToDate',
      'UpToDate',
      'NotUpToDate',
    ),
    aggregate(
      'WorkerMachinesUpToDate',
      workers,
      'MachinesUpToDate',
      'UpToDate',
      'NotUpToDate',
    ),
  ];
}

/** Cluster status from its control plane and worker sets. */
export function clusterStatus(
  cluster: KubeObject,
  infrastructureProvisioned: boolean,
  controlPlane: KubeObject | undefined,
  workers: KubeObject[],
  now: Date,
): Record<string, unknown> {
  const previous = conditionsOf(cluster);
  const generation = cluster.metadata.generation;
  const kcp = (controlPlane?.status ?? {}) as Record<
    string,
    number | undefined
  > & { initialization?: { controlPlaneInitialized?: boolean } };
  const cpInitialized = kcp.initialization?.controlPlaneInitialized === true;
  const cpConditions = conditionsOf(controlPlane);
  const cpAvailable =
    cpConditions?.find(c => c.type === 'Available')?.status === 'True';
  const sum = (key: string) =>
    workers.reduce(
      (total, md) =>
        total +
        Number((md.status as Record<string, unknown> | undefined)?.[key] ?? 0),
      0,
    );
  const workerCounts = {
    desiredReplicas: workers.reduce(
      (total, md) => total + Number(md.spec?.replicas ?? 0),
      0,
    ),
    replicas: sum('replicas'),
    readyReplicas: sum('readyReplicas'),
    availableReplicas: sum('availableReplicas'),
    upToDateReplicas: sum('upToDateReplicas'),
  };
  const failingWorkers = workers.filter(
    md =>
      conditionsOf(md)?.find(c => c.type === 'Available')?.status !== 'True',
  );
  const workersAvailable = failingWorkers.length === 0;
  const rollingOut = [controlPlane, ...workers].filter(
    o => conditionsOf(o)?.find(c => c.type === 'RollingOut')?.status === 'True',
  );
  const scalingUp = [controlPlane, ...workers].filter(
    o => conditionsOf(o)?.find(c => c.type === 'ScalingUp')?.status === 'True',
  );
  const scalingDown = [controlPlane, ...workers].filter(
    o =>
      conditionsOf(o)?.find(c => c.type === 'ScalingDown')?.status === 'True',
  );
  const available =
    infrastructureProvisioned && cpAvailable && workersAvailable;
  const phase = !infrastructureProvisioned ? 'Provisioning' : 'Provisioned';
  const problems: string[] = [];
  if (!infrastructureProvisioned)
    problems.push('* InfrastructureReady: infrastructure is being provisioned');
  if (!cpAvailable)
    problems.push(
      `* ControlPlaneAvailable: ${
        cpConditions?.find(c => c.type === 'Available')?.message ??
        'control plane not available yet'
      }`,
    );
  for (const md of failingWorkers) {
    problems.push(
      `* WorkersAvailable: MachineDeployment ${md.metadata.name}: ${
        conditionsOf(md)?.find(c => c.type === 'Available')?.message ??
        'not available'
      }`,
    );
  }
  const names = (objs: Array<KubeObject | undefined>) =>
    objs.map(o => `${o!.kind} ${o!.metadata.name}`).join(', ');
  const conditions: Condition[] = [
    condition(
      previous,
      'Available',
      available,
      available ? 'Available' : 'NotAvailable',
      available ? undefined : problems.join('\n'),
      now,
      generation,
    ),
    condition(
      previous,
      'InfrastructureReady',
      infrastructureProvisioned,
      infrastructureProvisioned ? 'Ready' : 'NotReady',
      infrastructureProvisioned
        ? undefined
        : 'Infrastructure is being provisioned',
      now,
      generation,
    ),
    condition(
      previous,
      'ControlPlaneInitialized',
      cpInitialized,
      cpInitialized ? 'Initialized' : 'NotInitialized',
      cpInitialized ? undefined : 'Control plane not yet initialized',
      now,
      generation,
    ),
    condition(
      previous,
      'ControlPlaneAvailable',
      cpAvailable,
      cpAvailable ? 'Available' : 'NotAvailable',
      cpAvailable
        ? undefined
        : cpConditions?.find(c => c.type === 'Available')?.message,
      now,
      generation,
    ),
    condition(
      previous,
      'WorkersAvailable',
      workersAvailable,
      workersAvailable ? 'Available' : 'NotAvailable',
      workersAvailable
        ? undefined
        : failingWorkers
            .map(
              md =>
                `* MachineDeployment ${md.metadata.name}: ${
                  conditionsOf(md)?.find(c => c.type === 'Available')
                    ?.message ?? 'not available'
                }`,
            )
            .join('\n'),
      now,
      generation,
    ),
    condition(
      previous,
      'RemoteConnectionProbe',
      cpInitialized,
      cpInitialized ? 'ProbeSucceeded' : 'ProbeFailed',
      cpInitialized ? undefined : 'Remote connection not established yet',
      now,
      generation,
    ),
    ...machineSummaries(previous, controlPlane, workers, now, generation),
    condition(
      previous,
      'Remediating',
      false,
      'NotRemediating',
      undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'RollingOut',
      rollingOut.length > 0,
      rollingOut.length ? 'RollingOut' : 'NotRollingOut',
      rollingOut.length ? `Rolling out ${names(rollingOut)}` : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'ScalingUp',
      scalingUp.length > 0,
      scalingUp.length ? 'ScalingUp' : 'NotScalingUp',
      scalingUp.length ? `Scaling up ${names(scalingUp)}` : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'ScalingDown',
      scalingDown.length > 0,
      scalingDown.length ? 'ScalingDown' : 'NotScalingDown',
      scalingDown.length ? `Scaling down ${names(scalingDown)}` : undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'Paused',
      false,
      'NotPaused',
      undefined,
      now,
      generation,
    ),
    condition(
      previous,
      'Deleting',
      false,
      'NotDeleting',
      undefined,
      now,
      generation,
    ),
  ];
  if (cluster.spec?.topology) {
    // Only a version change is an upgrade (ClusterUpgrading); a machine size rollout is not.
    const wanted = (cluster.spec.topology as { version?: string }).version;
    const runs = (o: KubeObject | undefined) =>
      (
        (o?.status as { versions?: Array<{ version: string }> } | undefined)
          ?.versions ?? []
      ).every(v => v.version === wanted);
    const upgrading =
      controlPlane?.spec?.version !== wanted ||
      !runs(controlPlane) ||
      workers.some(
        md =>
          (md.spec as { template?: { spec?: { version?: string } } })?.template
            ?.spec?.version !== wanted || !runs(md),
      );
    conditions.push(
      condition(
        previous,
        'TopologyReconciled',
        !upgrading,
        upgrading ? 'ClusterUpgrading' : 'ReconcileSucceeded',
        upgrading
          ? `Cluster is upgrading to ${
              (cluster.spec.topology as { version?: string }).version
            }`
          : undefined,
        now,
        generation,
      ),
    );
  }
  // CAPI v1.14 reports the versions running and, for ClusterClass clusters, the versions still to apply.
  const topologyVersion = (
    cluster.spec?.topology as { version?: string } | undefined
  )?.version;
  const workersBehind =
    topologyVersion !== undefined &&
    workers.some(
      md =>
        (md.spec as { template?: { spec?: { version?: string } } } | undefined)
          ?.template?.spec?.version !== topologyVersion,
    );
  const controlPlaneBehind =
    topologyVersion !== undefined &&
    controlPlane?.spec?.version !== topologyVersion;
  return {
    observedGeneration: generation,
    phase,
    initialization: {
      infrastructureProvisioned,
      controlPlaneInitialized: cpInitialized,
    },
    controlPlane: {
      desiredReplicas: Number(controlPlane?.spec?.replicas ?? 0),
      replicas: kcp.replicas ?? 0,
      readyReplicas: kcp.readyReplicas ?? 0,
      availableReplicas: kcp.availableReplicas ?? 0,
      upToDateReplicas: kcp.upToDateReplicas ?? 0,
      versions: mergeVersionCounts([controlPlane]),
      ...(controlPlaneBehind
        ? { upgradePlan: [{ version: topologyVersion }] }
        : {}),
    },
    workers: {
      ...workerCounts,
      versions: mergeVersionCounts(workers),
      ...(workersBehind ? { upgradePlan: [{ version: topologyVersion }] } : {}),
    },
    conditions,
    deprecated: {
      v1beta1: {
        // v1beta1 condition type → the v1beta2 condition it is derived from.
        conditions: Object.entries({
          Ready: 'Available',
          InfrastructureReady: 'InfrastructureReady',
          ControlPlaneInitialized: 'ControlPlaneInitialized',
          ControlPlaneReady: 'ControlPlaneAvailable',
        }).map(([type, from]) =>
          legacyCondition(
            { ...conditions.find(c => c.type === from)!, type },
            'Warning',
          ),
        ),
      },
    },
  };
}

export { KCP_API_VERSION, V1BETA2 };
