/*
 * Realistic read-model fixtures for tests and the dev harness: a small fleet
 * on three management clusters with one cluster in each lifecycle state.
 * Times are relative to when the module is loaded so that "overdue since" and
 * "stale for" read naturally in the dev app and stay stable within a test run.
 */
import type {
  ClusterCondition,
  ClusterDetailResponse,
  ClusterListItem,
  ClusterProfileSummary,
  ClusterSummary,
  ComplianceResponse,
  EntityClustersResponse,
  FleetResponse,
  MachineSummary,
  ManagementClusterHealth,
  NodePoolSummary,
  PatchState,
  PatchSummary,
} from '@capstan/plugin-capi-common';

const MANAGEMENT_TITLES: Record<string, string> = {
  'onprem-fra': 'On-prem Frankfurt',
  'aws-eu-west': 'AWS eu-west-1',
  'azure-weu': 'Azure West Europe',
};

export const FIXTURE_NOW = Date.now();
const HOUR = 3600_000;
const DAY = 24 * HOUR;
export const hoursAgo = (h: number) =>
  new Date(FIXTURE_NOW - h * HOUR).toISOString();
const inDays = (d: number) => new Date(FIXTURE_NOW + d * DAY).toISOString();

export function summarizePatch(machines: MachineSummary[]): PatchSummary {
  const count = (state: PatchState['state']) =>
    machines.filter(m => m.patch.state === state).length;
  const total = machines.length;
  const overdue = count('overdue');
  const unknown = count('unknown');
  return {
    total,
    upToDate: count('up-to-date'),
    pending: count('pending'),
    overdue,
    unknown,
    rebootRequired: machines.filter(m => m.patch.rebootRequired).length,
    compliance: total === 0 ? 1 : (total - overdue - unknown) / total,
  };
}

const UP_TO_DATE: PatchState = {
  state: 'up-to-date',
  rebootRequired: false,
  lastPatched: hoursAgo(20),
  pendingUpdates: 0,
  pendingSecurityUpdates: 0,
  source: 'annotations',
};
const PENDING_REBOOT: PatchState = {
  state: 'pending',
  rebootRequired: true,
  lastPatched: hoursAgo(30),
  pendingUpdates: 4,
  pendingSecurityUpdates: 2,
  securityPendingSince: hoursAgo(10),
  dueBy: new Date(FIXTURE_NOW + 38 * HOUR).toISOString(),
  source: 'annotations',
};
const OVERDUE: PatchState = {
  state: 'overdue',
  rebootRequired: false,
  lastPatched: hoursAgo(24 * 9),
  pendingUpdates: 11,
  pendingSecurityUpdates: 5,
  securityPendingSince: hoursAgo(72),
  dueBy: hoursAgo(24),
  source: 'annotations',
};
const UNKNOWN: PatchState = { state: 'unknown', rebootRequired: false };

function machine(
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

function pool(
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

const TRUE_CONDITIONS: ClusterCondition[] = [
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
const QUIET_CONDITIONS: ClusterCondition[] = [
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
const HEALTHY_CONDITIONS = [...TRUE_CONDITIONS, ...QUIET_CONDITIONS];

function clusterSummary(
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

// --- available: payments-prod -------------------------------------------
const prodRef = {
  managementCluster: 'onprem-fra',
  namespace: 'team-payments',
  name: 'payments-prod',
};
const prodMachines = [
  ...[0, 1, 2].map(i =>
    machine(prodRef, 'control-plane', i, { version: 'v1.31.4' }),
  ),
  machine(prodRef, 'workers', 0, { version: 'v1.31.4' }),
  machine(prodRef, 'workers', 1, { version: 'v1.31.4', patch: PENDING_REBOOT }),
  machine(prodRef, 'workers', 2, { version: 'v1.31.4' }),
  machine(prodRef, 'workers', 3, { version: 'v1.31.4' }),
  machine(prodRef, 'gpu', 0, { version: 'v1.31.4' }),
];
export const availableCluster = clusterSummary(
  prodRef,
  prodMachines,
  [
    pool('workers', prodMachines, {
      size: 'large',
      autoscaling: { min: 3, max: 8 },
    }),
    pool('gpu', prodMachines, { size: 'xlarge', class: 'gpu-worker' }),
  ],
  { upgradeOptions: ['v1.32.1'], labels: { env: 'prod' } },
);

// --- upgrading: payments-staging, rolling out 1.31 -> 1.32 -----------------
const stagingRef = {
  managementCluster: 'onprem-fra',
  namespace: 'team-payments',
  name: 'payments-staging',
};
const stagingMachines = [
  machine(stagingRef, 'control-plane', 0, { version: 'v1.32.1' }),
  machine(stagingRef, 'workers', 0, { version: 'v1.32.1' }),
  machine(stagingRef, 'workers', 1, { version: 'v1.31.4' }),
  machine(stagingRef, 'workers', 2, {
    version: 'v1.31.4',
    patch: PENDING_REBOOT,
  }),
];
export const upgradingCluster = clusterSummary(
  stagingRef,
  stagingMachines,
  [
    pool('workers', stagingMachines, {
      size: 'medium',
      version: 'v1.32.1',
      upToDateReplicas: 1,
      rollingOut: true,
      desiredReplicas: 3,
    }),
  ],
  {
    profile: 'onprem-fra-staging',
    status: 'Upgrading',
    desiredVersion: 'v1.32.1',
    actualVersion: 'v1.31.4',
    rollingOut: true,
    conditions: [
      ...HEALTHY_CONDITIONS.filter(c => c.type !== 'RollingOut'),
      {
        type: 'RollingOut',
        status: 'True',
        reason: 'RollingOut',
        message:
          'Rolling out MachineDeployment workers: 1 of 3 machines up to date with v1.32.1',
        lastTransitionTime: hoursAgo(0.5),
      },
    ],
  },
);

// --- provisioning: payments-dev ----------------------------------------------
const devRef = {
  managementCluster: 'onprem-fra',
  namespace: 'team-payments',
  name: 'payments-dev',
};
const devMachines = [
  machine(devRef, 'control-plane', 0, {
    version: 'v1.32.1',
    phase: 'Provisioning',
    noNode: true,
    patch: UNKNOWN,
  }),
  machine(devRef, 'workers', 0, {
    version: 'v1.32.1',
    phase: 'Pending',
    noNode: true,
    patch: UNKNOWN,
  }),
  machine(devRef, 'workers', 1, {
    version: 'v1.32.1',
    phase: 'Pending',
    noNode: true,
    patch: UNKNOWN,
  }),
];
export const provisioningCluster = clusterSummary(
  devRef,
  devMachines,
  [
    pool('workers', devMachines, {
      size: 'small',
      phase: 'ScalingUp',
      readyReplicas: 0,
      availableReplicas: 0,
    }),
  ],
  {
    profile: 'onprem-fra-dev',
    phase: 'Provisioning',
    status: 'Provisioning',
    desiredVersion: 'v1.32.1',
    actualVersion: undefined,
    runningVersions: [],
    createdAt: hoursAgo(0.2),
    headline: {
      type: 'ControlPlaneAvailable',
      status: 'False',
      reason: 'WaitingForControlPlane',
      message:
        'Waiting for the first control plane machine to become available',
    },
    conditions: [
      {
        type: 'InfrastructureReady',
        status: 'True',
        reason: 'Ready',
        lastTransitionTime: hoursAgo(0.15),
      },
      {
        type: 'ControlPlaneAvailable',
        status: 'False',
        reason: 'WaitingForControlPlane',
        message:
          'Waiting for the first control plane machine to become available',
        lastTransitionTime: hoursAgo(0.15),
      },
    ],
    controlPlane: {
      kind: 'KubeadmControlPlane',
      name: 'payments-dev-control-plane',
      desiredReplicas: 1,
      replicas: 1,
      readyReplicas: 0,
      availableReplicas: 0,
      upToDateReplicas: 1,
      version: 'v1.32.1',
      initialized: false,
      available: false,
    },
  },
);

// --- degraded: checkout-prod on AWS, with overdue patches --------------------
const checkoutRef = {
  managementCluster: 'aws-eu-west',
  namespace: 'team-checkout',
  name: 'checkout-prod',
};
const checkoutMachines = [
  machine(checkoutRef, 'control-plane', 0, {
    version: 'v1.31.4',
    osImage: 'Amazon Linux 2023',
  }),
  machine(checkoutRef, 'workers', 0, {
    version: 'v1.31.4',
    osImage: 'Amazon Linux 2023',
    patch: OVERDUE,
  }),
  machine(checkoutRef, 'workers', 1, {
    version: 'v1.31.4',
    osImage: 'Amazon Linux 2023',
    patch: { ...OVERDUE, rebootRequired: true },
  }),
  machine(checkoutRef, 'workers', 2, {
    version: 'v1.31.4',
    osImage: 'Amazon Linux 2023',
    phase: 'Failed',
    patch: UNKNOWN,
  }),
];
const workersNotAvailable: ClusterCondition = {
  type: 'WorkersAvailable',
  status: 'False',
  reason: 'MachineDeploymentsNotAvailable',
  message:
    'MachineDeployment workers: 2 of 3 machines available; machine checkout-prod-workers-r2d8n failed: instance terminated by EC2 (InsufficientInstanceCapacity)',
  lastTransitionTime: hoursAgo(3),
};
export const degradedCluster = clusterSummary(
  checkoutRef,
  checkoutMachines,
  [
    pool('workers', checkoutMachines, {
      size: 'm6i.xlarge',
      class: 'aws-worker',
      kind: 'MachineDeployment',
      headline: workersNotAvailable,
      conditions: [workersNotAvailable],
    }),
  ],
  {
    owner: 'group:default/team-checkout',
    entityRefs: ['component:default/checkout'],
    profile: 'aws-eu-west-prod',
    provider: 'aws',
    clusterClass: 'aws-standard',
    status: 'Degraded',
    headline: workersNotAvailable,
    conditions: [
      ...HEALTHY_CONDITIONS.filter(c => c.type !== 'WorkersAvailable'),
      workersNotAvailable,
    ],
    upgradeOptions: ['v1.32.1'],
  },
);

// --- stale: ledger-prod, its management cluster is down -----------------------
const ledgerRef = {
  managementCluster: 'azure-weu',
  namespace: 'team-payments',
  name: 'ledger-prod',
};
const ledgerMachines = [
  machine(ledgerRef, 'control-plane', 0, {
    version: 'v1.30.8',
    osImage: 'Azure Linux 3.0',
  }),
  machine(ledgerRef, 'workers', 0, {
    version: 'v1.30.8',
    osImage: 'Azure Linux 3.0',
  }),
  machine(ledgerRef, 'workers', 1, {
    version: 'v1.30.8',
    osImage: 'Azure Linux 3.0',
    patch: PENDING_REBOOT,
  }),
];
export const staleCluster = clusterSummary(
  ledgerRef,
  ledgerMachines,
  [
    {
      ...pool('workers', ledgerMachines, {
        size: 'Standard_D4s_v5',
        class: 'azure-worker',
        autoscaling: { min: 2, max: 4 },
      }),
      kind: 'MachinePool',
    },
  ],
  {
    profile: 'azure-weu-prod',
    provider: 'azure',
    clusterClass: 'azure-standard',
    stale: true,
    staleSince: hoursAgo(2),
    staleReason:
      'management cluster azure-weu unreachable: connect ECONNREFUSED 10.20.0.4:6443',
    upgradeOptions: ['v1.31.4'],
  },
);

// --- not in Git: created outside the GitOps repository ----------------------
export const notInGitCluster: ClusterSummary = {
  ...availableCluster,
  id: 'onprem-fra/team-payments/legacy-prod',
  name: 'legacy-prod',
  uid: 'uid-legacy-prod',
  gitopsPath: 'clusters/onprem-fra/team-payments/legacy-prod',
  gitopsUrl: undefined,
  gitManaged: false,
  upgradeOptions: ['v1.32.1'],
};

export const allClusters: ClusterSummary[] = [
  availableCluster,
  upgradingCluster,
  provisioningCluster,
  degradedCluster,
  staleCluster,
];

export const teamEntityRef = 'group:default/team-payments';

/** A cluster as the paged list returns it: no machines, their count. */
export function listItemOf(cluster: ClusterSummary): ClusterListItem {
  const { machines, ...rest } = cluster;
  return { ...rest, machineCount: machines.length };
}

/** One page of `items` as `GET /clusters?entityRef=` answers it (ordered by id). */
export function entityClustersResponse(
  entityRef: string,
  items: ClusterSummary[],
  page: { offset?: number; limit?: number } = {},
): EntityClustersResponse {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 25;
  const sorted = [...items].sort((a, b) =>
    a.id < b.id ? -1 : Number(a.id > b.id),
  );
  return {
    entityRef,
    items: sorted.slice(offset, offset + limit).map(listItemOf),
    offset,
    limit,
    total: sorted.length,
    staleManagementClusters: [
      ...new Set(items.filter(c => c.stale).map(c => c.managementCluster)),
    ],
  };
}

/** A cluster as `GET /clusters/:mc/:ns/:name` answers it: one page of machines. */
export function clusterDetailOf(
  cluster: ClusterSummary,
  page: { offset?: number; limit?: number } = {},
): ClusterDetailResponse {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 100;
  return {
    ...cluster,
    machines: cluster.machines.slice(offset, offset + limit),
    machinePage: { offset, limit, total: cluster.machines.length },
  };
}

export const managementClusters: ManagementClusterHealth[] = [
  {
    name: 'onprem-fra',
    title: 'On-prem Frankfurt',
    state: 'synced',
    apiVersion: 'v1beta2',
    lastEventAt: hoursAgo(0.01),
    lastSyncAt: hoursAgo(0.01),
    stale: false,
    clusterCount: 3,
    machineCount:
      prodMachines.length + stagingMachines.length + devMachines.length,
  },
  {
    name: 'aws-eu-west',
    title: 'AWS eu-west-1',
    state: 'synced',
    apiVersion: 'v1beta2',
    lastEventAt: hoursAgo(0.05),
    lastSyncAt: hoursAgo(0.05),
    stale: false,
    clusterCount: 1,
    machineCount: checkoutMachines.length,
  },
  {
    name: 'azure-weu',
    title: 'Azure West Europe',
    state: 'down',
    apiVersion: 'v1beta1',
    lastEventAt: hoursAgo(2),
    lastSyncAt: hoursAgo(2),
    lastError: 'connect ECONNREFUSED 10.20.0.4:6443',
    lastErrorAt: hoursAgo(0.02),
    stale: true,
    clusterCount: 1,
    machineCount: ledgerMachines.length,
  },
];

function countBy<T>(items: T[], key: (item: T) => string | undefined) {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

export function fleetResponse(
  items: ClusterSummary[] = allClusters,
): FleetResponse {
  const machines = items.flatMap(c => c.machines);
  const patch = summarizePatch(machines);
  return {
    summary: {
      clusters: items.length,
      machines: machines.length,
      byStatus: countBy(items, c => c.status),
      byPhase: countBy(items, c => c.phase),
      byVersion: countBy(items, c => c.actualVersion ?? c.desiredVersion),
      patch,
      overdue: items
        .map(c => ({
          clusterId: c.id,
          cluster: c.name,
          managementCluster: c.managementCluster,
          owner: c.owner,
          machines: c.machines
            .filter(m => m.patch.state === 'overdue')
            .map(m => ({
              name: m.name,
              nodeName: m.nodeName,
              securityPendingSince: m.patch.securityPendingSince,
              dueBy: m.patch.dueBy,
            })),
        }))
        .filter(group => group.machines.length > 0),
    },
    policy: { securityOverdueAfterHours: 48 },
    total: items.length,
    offset: 0,
    limit: 50,
    items: items.map(listItemOf),
    managementClusters,
  };
}

export function complianceResponse(days = 14): ComplianceResponse {
  const total = 18;
  const points = Array.from({ length: days }, (_, i) => {
    const overdue = [0, 0, 1, 3, 2, 1, 0, 0, 0, 2, 4, 3, 2, 2][i % 14];
    const unknown = i > days - 3 ? 4 : 1;
    const pending = [2, 5, 4, 2, 1, 1, 3, 6, 4, 2, 1, 2, 3, 3][i % 14];
    const upToDate = total - overdue - unknown - pending;
    return {
      at: new Date(FIXTURE_NOW - (days - 1 - i) * DAY).toISOString(),
      upToDate,
      pending,
      overdue,
      unknown,
      rebootRequired: 2,
      total,
      compliance: (total - overdue - unknown) / total,
    };
  });
  return {
    from: points[0].at,
    to: points[points.length - 1].at,
    series: [{ scope: 'fleet', points }],
  };
}

export const profiles: ClusterProfileSummary[] = [
  {
    name: 'onprem-fra-prod',
    title: 'On-prem Frankfurt — production',
    description: 'vSphere, three control plane nodes, 24×7 support',
    managementCluster: 'onprem-fra',
    namespace: 'team-payments',
    mode: 'clusterclass',
    provider: 'vsphere',
    clusterClass: 'vsphere-standard',
    kubernetesVersions: ['v1.30.8', 'v1.31.4', 'v1.32.1'],
    defaultKubernetesVersion: 'v1.31.4',
    machineSizes: [
      { name: 'small', title: 'Small', description: '2 vCPU, 8 GiB' },
      { name: 'medium', title: 'Medium', description: '4 vCPU, 16 GiB' },
      { name: 'large', title: 'Large', description: '8 vCPU, 32 GiB' },
      { name: 'xlarge', title: 'X-Large', description: '16 vCPU, 64 GiB' },
    ],
    autoscaler: true,
    limits: { maxNodePools: 5, maxReplicas: 20 },
  },
  {
    name: 'aws-eu-west-dev',
    title: 'AWS eu-west-1 — development',
    description: 'EKS-free self-managed clusters for experiments',
    managementCluster: 'aws-eu-west',
    namespace: 'sandbox',
    mode: 'classic',
    provider: 'aws',
    kubernetesVersions: ['v1.32.1', 'v1.33.0'],
    defaultKubernetesVersion: 'v1.33.0',
    machineSizes: [
      { name: 'm6i.large', title: 'm6i.large' },
      { name: 'm6i.xlarge', title: 'm6i.xlarge' },
    ],
    autoscaler: false,
    limits: { maxNodePools: 2, maxReplicas: 6 },
  },
];
