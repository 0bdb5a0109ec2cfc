/** The fixture fleet: one cluster in each lifecycle state on three management clusters. */
import type {
  ClusterCondition,
  ClusterSummary,
  ManagementClusterHealth,
} from '@capstan/plugin-capi-common';
import {
  clusterSummary,
  HEALTHY_CONDITIONS,
  hoursAgo,
  machine,
  OVERDUE,
  PENDING_REBOOT,
  pool,
  summarizePatch,
  UNKNOWN,
} from './clusterBuilders';

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
      patch: summarizePatch(devMachines.filter(m => m.controlPlane)),
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
