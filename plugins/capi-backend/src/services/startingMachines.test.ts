import {
  normaliseCluster,
  normaliseKubeadmControlPlane,
  normaliseMachine,
  normaliseMachineDeployment,
  normaliseMachinePool,
} from '../normalise';
import type { TrimmedMachine, TrimmedPool } from '../normalise/types';
import { buildClusterSummary } from './buildClusterSummary';
import { NODE_STARTUP_TIMEOUT_MS } from './summariseStatus';

/**
 * A new ClusterClass cluster (1 control plane machine, pool md-0 of 2) while
 * its machines join, as the real Cluster API v1.14 controllers report it:
 * the control plane is initialised, every machine has a Node, none is
 * Available yet, and CAPI no longer reports ScalingUp (the machines exist).
 */
const CREATED = Date.parse('2026-11-30T10:00:00Z');
const at = (seconds: number) =>
  new Date(CREATED + seconds * 1000).toISOString();
const cond = (
  type: string,
  status: string,
  since = at(1),
  reason?: string,
) => ({
  type,
  status,
  reason: reason ?? (status === 'True' ? type : `Not${type}`),
  lastTransitionTime: since,
});

function clusterObject(overrides: Array<ReturnType<typeof cond>> = []) {
  const conditions = [
    cond('Available', 'False'),
    cond('InfrastructureReady', 'True'),
    cond('ControlPlaneInitialized', 'True', at(40)),
    cond('ControlPlaneAvailable', 'False'),
    cond('WorkersAvailable', 'False'),
    cond('RemoteConnectionProbe', 'True'),
    cond('TopologyReconciled', 'True'),
    cond('ScalingUp', 'False'),
    cond('RollingOut', 'False'),
    cond('Deleting', 'False'),
  ].map(x => overrides.find(o => o.type === x.type) ?? x);
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { name: 'c', namespace: 'default', creationTimestamp: at(0) },
    spec: {
      topology: {
        classRef: { name: 'in-memory' },
        version: 'v1.34.1',
        controlPlane: { replicas: 1 },
        workers: {
          machineDeployments: [
            { name: 'md-0', class: 'default-worker', replicas: 2 },
          ],
        },
      },
      controlPlaneRef: { kind: 'KubeadmControlPlane', name: 'c-cp' },
    },
    status: {
      phase: 'Provisioned',
      initialization: {
        infrastructureProvisioned: true,
        controlPlaneInitialized: true,
      },
      conditions,
    },
  };
}

function controlPlaneObject(replicas = 1, available = 0) {
  return {
    apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
    kind: 'KubeadmControlPlane',
    metadata: {
      name: 'c-cp',
      namespace: 'default',
      labels: { 'cluster.x-k8s.io/cluster-name': 'c' },
    },
    spec: { replicas, version: 'v1.34.1' },
    status: {
      replicas,
      readyReplicas: available,
      availableReplicas: available,
      upToDateReplicas: replicas,
      version: 'v1.34.1',
      initialization: { controlPlaneInitialized: true },
      conditions: [
        cond('Available', available > 0 ? 'True' : 'False'),
        cond('Initialized', 'True', at(40)),
        cond('EtcdClusterHealthy', available >= replicas ? 'True' : 'False'),
        cond(
          'ControlPlaneComponentsHealthy',
          available >= replicas ? 'True' : 'False',
        ),
        cond('MachinesReady', available >= replicas ? 'True' : 'False'),
        cond('ScalingUp', 'False'),
        cond('RollingOut', 'False'),
      ],
    },
  };
}

function deploymentObject(replicas: number, available: number) {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineDeployment',
    metadata: {
      name: 'c-md-0-x7k2p',
      namespace: 'default',
      labels: {
        'cluster.x-k8s.io/cluster-name': 'c',
        'topology.cluster.x-k8s.io/deployment-name': 'md-0',
      },
    },
    spec: {
      clusterName: 'c',
      replicas,
      template: { spec: { clusterName: 'c', version: 'v1.34.1' } },
    },
    status: {
      phase: 'ScalingUp',
      replicas,
      readyReplicas: available,
      availableReplicas: available,
      upToDateReplicas: replicas,
      conditions: [
        cond(
          'Available',
          available >= replicas ? 'True' : 'False',
          at(1),
          available >= replicas ? 'Available' : 'NotAvailable',
        ),
        cond('ScalingUp', 'False'),
        cond('RollingOut', 'False'),
      ],
    },
  };
}

/** A machine with a Node; `availableSince` undefined: not available since its first status. */
function machineObject(
  name: string,
  role: { controlPlane?: true; pool?: string; machinePool?: string },
  options: {
    createdAt?: number;
    available?: 'True' | 'False';
    since?: number;
  } = {},
) {
  const created = options.createdAt ?? 5;
  const labels: Record<string, string> = {
    'cluster.x-k8s.io/cluster-name': 'c',
  };
  if (role.controlPlane) labels['cluster.x-k8s.io/control-plane'] = '';
  if (role.pool) labels['cluster.x-k8s.io/deployment-name'] = role.pool;
  if (role.machinePool) labels['cluster.x-k8s.io/pool-name'] = role.machinePool;
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: {
      name,
      namespace: 'default',
      creationTimestamp: at(created),
      labels,
    },
    spec: {
      clusterName: 'c',
      version: 'v1.34.1',
      providerID: `in-memory://${name}`,
    },
    status: {
      phase: 'Running',
      nodeRef: { name },
      nodeInfo: { kubeletVersion: 'v1.34.1' },
      conditions: [
        cond(
          'Available',
          options.available ?? 'False',
          at(options.since ?? created + 1),
          'NotReady',
        ),
        cond('NodeReady', 'False', at(options.since ?? created + 1)),
        cond('Deleting', 'False', at(created + 1)),
      ],
    },
  };
}

function summarise(
  objects: {
    cluster?: unknown;
    controlPlane?: unknown;
    pools?: unknown[];
    machines: unknown[];
  },
  now = CREATED + 120_000,
) {
  const cluster = normaliseCluster(
    objects.cluster ?? clusterObject(),
    'v1beta2',
  )!;
  return buildClusterSummary({
    managementCluster: 'mc',
    apiVersion: 'v1beta2',
    cluster,
    controlPlane: normaliseKubeadmControlPlane(
      objects.controlPlane ?? controlPlaneObject(),
      'v1beta2',
    ),
    pools: (objects.pools ?? [deploymentObject(2, 0)]).map(p =>
      (p as { kind: string }).kind === 'MachinePool'
        ? (normaliseMachinePool(p, 'v1beta2') as TrimmedPool)
        : (normaliseMachineDeployment(p, 'v1beta2') as TrimmedPool),
    ),
    machines: objects.machines.map(
      m => normaliseMachine(m, 'v1beta2') as TrimmedMachine,
    ),
    patchStateOf: () => ({
      state: { state: 'unknown', rebootRequired: false },
      validUntil: Infinity,
    }),
    now,
  });
}

const newClusterMachines = () => [
  machineObject('c-cp-1', { controlPlane: true }),
  machineObject('c-md-0-a', { pool: 'c-md-0-x7k2p' }, { createdAt: 50 }),
  machineObject('c-md-0-b', { pool: 'c-md-0-x7k2p' }, { createdAt: 50 }),
];

describe('status while machines come up, on the real controllers’ conditions', () => {
  it('shows a new cluster whose machines join as Scaling, never Degraded, until its startup timeout', () => {
    const { summary, validUntil } = summarise({
      machines: newClusterMachines(),
    });
    expect(summary.status).toBe('Scaling');
    expect(summary.nodePools[0].status).toBe('Scaling');
    expect(summary.headline?.type).not.toBe('ControlPlaneAvailable');
    // The summary is rebuilt when the first machine would be stuck.
    expect(validUntil).toBe(CREATED + 5_000 + NODE_STARTUP_TIMEOUT_MS);
  });

  it('is Degraded once a machine has not come up within CAPI’s node startup timeout', () => {
    const { summary } = summarise(
      { machines: newClusterMachines() },
      CREATED + 5_000 + NODE_STARTUP_TIMEOUT_MS,
    );
    expect(summary.status).toBe('Degraded');
    expect(summary.headline).toMatchObject({
      type: 'ControlPlaneAvailable',
      status: 'False',
    });
  });

  it('shows a pool scaling up 2→3 as Scaling while the new machine joins; a lost node among them is Degraded', () => {
    const available = { available: 'True' as const, since: 60 };
    const running = [
      machineObject('c-cp-1', { controlPlane: true }, available),
      machineObject('c-md-0-a', { pool: 'c-md-0-x7k2p' }, available),
      machineObject('c-md-0-b', { pool: 'c-md-0-x7k2p' }, available),
    ];
    const cluster = clusterObject([
      cond('ControlPlaneAvailable', 'True', at(60)),
    ]);
    const objects = {
      cluster,
      controlPlane: controlPlaneObject(1, 1),
      pools: [deploymentObject(3, 2)],
    };
    const scaling = summarise(
      {
        ...objects,
        machines: [
          ...running,
          machineObject(
            'c-md-0-c',
            { pool: 'c-md-0-x7k2p' },
            { createdAt: 600 },
          ),
        ],
      },
      CREATED + 700_000,
    );
    expect(scaling.summary.status).toBe('Scaling');
    expect(scaling.summary.nodePools[0].status).toBe('Scaling');

    // Same counters, but the third machine was available and its node went NotReady.
    const lost = summarise(
      {
        ...objects,
        machines: [
          ...running,
          machineObject(
            'c-md-0-c',
            { pool: 'c-md-0-x7k2p' },
            { createdAt: 600, since: 660 },
          ),
        ],
      },
      CREATED + 700_000,
    );
    expect(lost.summary.status).toBe('Degraded');
    expect(lost.summary.nodePools[0]).toMatchObject({
      status: 'Degraded',
      headline: { type: 'Available', status: 'False' },
    });
  });

  it('a machine pool scaling up reads the same as a MachineDeployment', () => {
    const pool = {
      ...deploymentObject(2, 1),
      kind: 'MachinePool',
      metadata: {
        name: 'c-mp-0',
        namespace: 'default',
        labels: { 'cluster.x-k8s.io/cluster-name': 'c' },
      },
    };
    const { summary } = summarise({
      cluster: clusterObject([cond('ControlPlaneAvailable', 'True', at(60))]),
      controlPlane: controlPlaneObject(1, 1),
      pools: [deploymentObject(2, 2), pool],
      machines: [
        machineObject(
          'c-cp-1',
          { controlPlane: true },
          { available: 'True', since: 60 },
        ),
        machineObject(
          'c-mp-0-a',
          { machinePool: 'c-mp-0' },
          { available: 'True', since: 60 },
        ),
        machineObject('c-mp-0-b', { machinePool: 'c-mp-0' }, { createdAt: 90 }),
      ],
    });
    expect(summary.nodePools).toMatchObject([
      { name: 'md-0', status: 'Available' },
      { name: 'mp-0', status: 'Scaling' },
    ]);
    expect(summary.status).toBe('Scaling');
  });

  it('shows the end of a scale-up, when every machine is available but the pool and Cluster have not rolled that up yet, as Scaling', () => {
    const available = { available: 'True' as const, since: 60 };
    const { summary } = summarise({
      cluster: clusterObject([cond('ControlPlaneAvailable', 'True', at(60))]),
      controlPlane: controlPlaneObject(1, 1),
      pools: [deploymentObject(3, 2)],
      machines: [
        machineObject('c-cp-1', { controlPlane: true }, available),
        machineObject('c-md-0-a', { pool: 'c-md-0-x7k2p' }, available),
        machineObject('c-md-0-b', { pool: 'c-md-0-x7k2p' }, available),
        machineObject('c-md-0-c', { pool: 'c-md-0-x7k2p' }, available),
      ],
    });
    expect(summary.nodePools[0].status).toBe('Scaling');
    expect(summary.status).toBe('Scaling');
  });
});
