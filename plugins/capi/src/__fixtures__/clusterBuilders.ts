/** Builders of the fixture fleet's clusters, machines and patch states; times relative to module load. */
import type {
  ClusterCondition,
  ClusterSummary,
  MachineSummary,
  NodePoolSummary,
  PatchState,
  PatchSummary,
} from '@capstan/plugin-capi-common';
import { summarisePatchStates } from '@capstan/plugin-capi-common';

export const MANAGEMENT_TITLES: Record<string, string> = {
  'onprem-fra': 'On-prem Frankfurt',
  'aws-eu-west': 'AWS eu-west-1',
  'azure-weu': 'Azure West Europe',
};

export const FIXTURE_NOW = Date.now();
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
export const hoursAgo = (h: number) =>
  new Date(FIXTURE_NOW - h * HOUR).toISOString();
export const inDays = (d: number) =>
  new Date(FIXTURE_NOW + d * DAY).toISOString();

/** Counted as the backend counts them: capi-common's one function. */
export function summarizePatch(machines: MachineSummary[]): PatchSummary {
  return summarisePatchStates(machines.map(m => m.patch));
}

export const UP_TO_DATE: PatchState = {
  state: 'up-to-date',
  rebootRequired: false,
  lastPatched: hoursAgo(20),
  pendingUpdates: 0,
  pendingSecurityUpdates: 0,
  source: 'annotations',
};
export const PENDING_REBOOT: PatchState = {
  state: 'pending',
  rebootRequired: true,
  lastPatched: hoursAgo(30),
  pendingUpdates: 4,
  pendingSecurityUpdates: 2,
  securityPendingSince: hoursAgo(10),
  dueBy: new Date(FIXTURE_NOW + 38 * HOUR).toISOString(),
  source: 'annotations',
};
export const OVERDUE: PatchState = {
  state: 'overdue',
  rebootRequired: false,
  lastPatched: hoursAgo(24 * 9),
  pendingUpdates: 11,
  pendingSecurityUpdates: 5,
  securityPendingSince: hoursAgo(72),
  dueBy: hoursAgo(24),
  source: 'annotations',
};
export const UNKNOWN: PatchState = { state: 'unknown', rebootRequired: false };

export function machine(
  cluster: { managementCluster: string; namespace: string; name: string },
  poolName: string,
  index: number,
  opts: {
    phase?: string;
    version: string;
    patch?: PatchState;
    osImage?: string;
    noNode?: boolean;
  },
): MachineSummary {
  const suffix = `${poolName === 'control-plane' ? 'cp' : poolName}-${
    ['7x2kq', 'b9f4m', 'r2d8n', 'w5p6z', 'h3j7c', 'k8s2t'][index]
  }`;
  const name = `${cluster.name}-${suffix}`;
  return {
    name,
    namespace: cluster.namespace,
    pool: poolName,
    controlPlane: poolName === 'control-plane',
    phase: opts.phase ?? 'Running',
    nodeName: opts.noNode ? undefined : name,
    createdAt: hoursAgo(24 * 30),
    version: opts.version,
    kubeletVersion: opts.noNode ? undefined : opts.version,
    osImage: opts.noNode ? undefined : opts.osImage ?? 'Ubuntu 24.04.1 LTS',
    kernelVersion: opts.noNode ? undefined : '6.8.0-49-generic',
    certificatesExpiryDate:
      poolName === 'control-plane' ? inDays(300) : undefined,
    providerId: opts.noNode
      ? undefined
      : `vsphere://4203${index}a1f-${cluster.name}`,
    patch: opts.patch ?? UP_TO_DATE,
  };
}

export function pool(
  name: string,
  machines: MachineSummary[],
  opts: Partial<NodePoolSummary> & { size?: string } = {},
): NodePoolSummary {
  const poolMachines = machines.filter(m => m.pool === name);
  const running = poolMachines.filter(m => m.phase === 'Running').length;
  return {
    name,
    kind: 'MachineDeployment',
    class: 'default-worker',
    desiredReplicas: poolMachines.length,
    replicas: poolMachines.length,
    readyReplicas: running,
    availableReplicas: running,
    upToDateReplicas: poolMachines.length,
    version: poolMachines[0]?.version,
    phase: 'Running',
    rollingOut: false,
    conditions: [],
    patch: summarizePatch(poolMachines),
    ...opts,
  };
}

export const TRUE_CONDITIONS: ClusterCondition[] = [
  {
    type: 'Available',
    status: 'True',
    reason: 'Available',
    lastTransitionTime: hoursAgo(24 * 30),
  },
  {
    type: 'InfrastructureReady',
    status: 'True',
    reason: 'Ready',
    lastTransitionTime: hoursAgo(24 * 30),
  },
  {
    type: 'ControlPlaneAvailable',
    status: 'True',
    reason: 'Available',
    lastTransitionTime: hoursAgo(24 * 30),
  },
  {
    type: 'WorkersAvailable',
    status: 'True',
    reason: 'Available',
    lastTransitionTime: hoursAgo(24 * 29),
  },
];

/** v1beta2 negative-polarity conditions in their normal (False) state. */
export const QUIET_CONDITIONS: ClusterCondition[] = [
  'RollingOut',
  'ScalingUp',
  'ScalingDown',
  'Remediating',
  'Paused',
  'Deleting',
].map(type => ({
  type,
  status: 'False',
  reason: `Not${type}`,
  lastTransitionTime: hoursAgo(24 * 29),
}));

/** What a healthy v1beta2 Cluster reports. */
export const HEALTHY_CONDITIONS = [...TRUE_CONDITIONS, ...QUIET_CONDITIONS];

/**
 * An entity name as opaque as the backend's (which hashes a random id in
 * Node): the frontend must take it from the API, never build it.
 */
function fixtureEntityName(ref: { namespace: string; name: string }): string {
  let hash = 0x811c9dc5;
  for (const c of `${ref.namespace}/${ref.name}`) {
    hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193) >>> 0;
  }
  return `cluster-${hash.toString(16).padStart(8, '0')}`;
}

export function clusterSummary(
  ref: { managementCluster: string; namespace: string; name: string },
  machines: MachineSummary[],
  nodePools: NodePoolSummary[],
  opts: Partial<ClusterSummary>,
): ClusterSummary {
  const cp = machines.filter(m => m.controlPlane);
  const runningVersions = [
    ...new Set(machines.map(m => m.kubeletVersion).filter(Boolean) as string[]),
  ]
    .sort()
    .reverse();
  return {
    ...ref,
    id: `${ref.managementCluster}/${ref.namespace}/${ref.name}`,
    uid: `uid-${ref.name}`,
    entityName: fixtureEntityName(ref),
    managementClusterTitle: MANAGEMENT_TITLES[ref.managementCluster],
    labels: {},
    owner: 'group:default/team-payments',
    entityRefs: ['component:default/payments-api'],
    profile: 'onprem-fra-prod',
    phase: 'Provisioned',
    status: 'Available',
    conditions: HEALTHY_CONDITIONS,
    desiredVersion: cp[0]?.version,
    actualVersion: runningVersions[runningVersions.length - 1],
    runningVersions,
    rollingOut: false,
    clusterClass: 'vsphere-standard',
    provider: 'vsphere',
    controlPlaneEndpoint: `https://${ref.name}.k8s.example.internal:6443`,
    controlPlane: {
      kind: 'KubeadmControlPlane',
      name: `${ref.name}-control-plane`,
      desiredReplicas: cp.length,
      replicas: cp.length,
      readyReplicas: cp.filter(m => m.phase === 'Running').length,
      availableReplicas: cp.filter(m => m.phase === 'Running').length,
      upToDateReplicas: cp.length,
      version: cp[0]?.version,
      initialized: true,
      available: true,
      certificatesExpiryDate: inDays(300),
      patch: summarizePatch(cp),
    },
    nodePools,
    machines,
    patch: summarizePatch(machines),
    upgradeOptions: [],
    gitopsPath: `clusters/${ref.managementCluster}/${ref.namespace}/${ref.name}`,
    gitopsUrl: `https://git.example.internal/platform/fleet/tree/main/clusters/${ref.managementCluster}/${ref.namespace}/${ref.name}`,
    gitManaged: true,
    createdAt: hoursAgo(24 * 30),
    stale: false,
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    ...opts,
  };
}
