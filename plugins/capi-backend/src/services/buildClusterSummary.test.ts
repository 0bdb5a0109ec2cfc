import {
  cluster,
  controlPlane,
  machine,
  machineDeployment,
} from '../__testUtils__/fixtures';
import {
  normaliseCluster,
  normaliseKubeadmControlPlane,
  normaliseMachine,
  normaliseMachineDeployment,
} from '../normalise';
import type { TrimmedMachine, TrimmedPool } from '../normalise/types';
import { buildClusterSummary } from './buildClusterSummary';

function summarise(
  clusterObject: unknown,
  machines: unknown[] = [],
  extra: { allowedVersions?: string[]; pools?: unknown[] } = {},
) {
  const c = normaliseCluster(clusterObject, 'v1beta2')!;
  return buildClusterSummary({
    managementCluster: 'mc',
    apiVersion: 'v1beta2',
    cluster: c,
    controlPlane: normaliseKubeadmControlPlane(controlPlane(c.name), 'v1beta2'),
    pools: (extra.pools ?? []).map(
      p => normaliseMachineDeployment(p, 'v1beta2') as TrimmedPool,
    ),
    machines: machines.map(
      m => normaliseMachine(m, 'v1beta2') as TrimmedMachine,
    ),
    patchStateOf: () => ({
      state: { state: 'unknown', rebootRequired: false },
      validUntil: Infinity,
    }),
    allowedVersions: extra.allowedVersions,
  }).summary;
}

describe('buildClusterSummary status', () => {
  it('is Upgrading while machines run another version than desired, with upgrade options from the profile', () => {
    const s = summarise(
      cluster('c', { version: 'v1.34.1' }),
      [
        machine('c', 'm1', { controlPlane: true, kubeletVersion: 'v1.34.1' }),
        machine('c', 'm2', { kubeletVersion: 'v1.33.4' }),
      ],
      {
        allowedVersions: [
          'v1.33.4',
          'v1.34.1',
          'v1.34.2',
          'v1.35.0',
          'v1.36.0',
        ],
      },
    );
    expect(s).toMatchObject({
      status: 'Upgrading',
      rollingOut: true,
      desiredVersion: 'v1.34.1',
      actualVersion: 'v1.33.4',
      runningVersions: ['v1.34.1', 'v1.33.4'],
      // Nothing new is offered while v1.34.1 is not everywhere: CAPI would refuse it.
      upgradeOptions: [],
      upgrade: expect.objectContaining({
        available: [],
        blockedReason: expect.stringContaining(
          'node pool c-md-0-abc12 runs v1.33.4',
        ),
      }),
    });
  });

  it.each([
    [{ phase: 'Provisioning' }, 'Provisioning'],
    [{ phase: 'Failed' }, 'Failed'],
    [{ phase: 'Deleting' }, 'Deleting'],
    [
      {
        failing: {
          type: 'InfrastructureReady',
          reason: 'VCenterUnreachable',
          message: 'vCenter down',
        },
      },
      'Degraded',
    ],
    [{}, 'Available'],
  ])('derives the status from %j', (options, status) => {
    expect(summarise(cluster('c', options)).status).toBe(status);
  });

  it('puts the failing pool condition in the pool headline and counts pending topology pools', () => {
    const s = summarise(
      cluster('c', {
        pools: [
          { name: 'md-0', replicas: 3 },
          { name: 'md-1', replicas: 2, class: 'gpu' },
        ],
      }),
      [],
      { pools: [machineDeployment('c', 'md-0', { replicas: 3, ready: 1 })] },
    );
    expect(s.nodePools).toEqual([
      expect.objectContaining({
        name: 'md-0',
        readyReplicas: 1,
        headline: expect.objectContaining({
          type: 'Available',
          message: '2 replicas not ready',
        }),
      }),
      expect.objectContaining({
        name: 'md-1',
        class: 'gpu',
        desiredReplicas: 2,
        replicas: 0,
      }),
    ]);
  });
});

type Obj = Record<string, any>;
const cond = (
  type: string,
  status: 'True' | 'False',
  reason: string,
  message?: string,
) => ({ type, status, reason, ...(message ? { message } : {}) });

/** The input: a machine size change rolling out on a v1beta2 cluster (CAPI v1.14). */
function rollingOutCluster(): { cluster: Obj; pool: Obj } {
  const c = cluster('c') as Obj;
  c.status.conditions = [
    cond('Available', 'True', 'Available'),
    cond('InfrastructureReady', 'True', 'Ready'),
    cond('ControlPlaneInitialized', 'True', 'Initialized'),
    cond('ControlPlaneAvailable', 'True', 'Available'),
    cond('WorkersAvailable', 'True', 'Available'),
    cond('RemoteConnectionProbe', 'True', 'ProbeSucceeded'),
    cond(
      'WorkerMachinesReady',
      'False',
      'NotReady',
      '* Machine c-md-0-new: NodeHealthy: Waiting for a Node',
    ),
    cond(
      'WorkerMachinesUpToDate',
      'False',
      'NotUpToDate',
      '* Machines c-md-0-a, c-md-0-b: Not up-to-date',
    ),
    cond(
      'RollingOut',
      'True',
      'RollingOut',
      '* MachineDeployment c-md-0-abc12: Rolling out 2 not up-to-date replicas',
    ),
    cond('ScalingUp', 'False', 'NotScalingUp'),
    cond('ScalingDown', 'False', 'NotScalingDown'),
    cond('Remediating', 'False', 'NotRemediating'),
    cond('Deleting', 'False', 'NotDeleting'),
    cond('Paused', 'False', 'NotPaused'),
    cond('TopologyReconciled', 'True', 'ReconcileSucceeded'),
  ];
  const pool = machineDeployment('c', 'md-0', { replicas: 2 }) as Obj;
  pool.status = {
    ...pool.status,
    replicas: 3,
    availableReplicas: 2,
    upToDateReplicas: 1,
    conditions: [
      cond('Available', 'True', 'Available'),
      cond('MachinesReady', 'False', 'NotReady'),
      cond('MachinesUpToDate', 'False', 'NotUpToDate'),
      cond(
        'RollingOut',
        'True',
        'RollingOut',
        'Rolling out 2 not up-to-date replicas',
      ),
      cond('ScalingUp', 'False', 'NotScalingUp'),
      cond('ScalingDown', 'False', 'NotScalingDown'),
    ],
  };
  return { cluster: c, pool };
}

describe('buildClusterSummary follows CAPI status rules', () => {
  it('shows a v1beta2 rollout (WorkerMachinesUpToDate=False NotUpToDate, RollingOut=True, Available=True) as RollingOut, without a failure headline', () => {
    const { cluster: c, pool } = rollingOutCluster();
    const s = summarise(c, [], { pools: [pool] });
    expect(s.status).toBe('RollingOut');
    expect(s.headline).toMatchObject({ type: 'RollingOut', status: 'True' });
    expect(s.explanation).toMatchObject({ id: 'rolling-out' });
    expect(s.nodePools[0]).toMatchObject({
      status: 'RollingOut',
      headline: { type: 'RollingOut' },
      explanation: { id: 'rolling-out' },
    });
    expect(s.upgrade?.blockedReason).toMatch(
      /rollout is in progress \(node pool md-0\)/,
    );
  });

  it('shows a scale-up where CAPI reports WorkersAvailable=False as Scaling, never Degraded', () => {
    const { cluster: c, pool } = rollingOutCluster();
    c.status.conditions = c.status.conditions.map((x: Obj) => {
      if (x.type === 'Available' || x.type === 'WorkersAvailable')
        return cond(
          x.type,
          'False',
          'NotAvailable',
          '* MachineDeployment c-md-0-abc12: 2 available replicas, at least 3 required',
        );
      if (x.type === 'RollingOut')
        return cond('RollingOut', 'False', 'NotRollingOut');
      if (x.type === 'ScalingUp') return cond('ScalingUp', 'True', 'ScalingUp');
      return x;
    });
    pool.spec.replicas = 3;
    pool.status.conditions = [
      cond(
        'Available',
        'False',
        'NotAvailable',
        '2 available replicas, at least 3 required',
      ),
      cond('RollingOut', 'False', 'NotRollingOut'),
      cond('ScalingUp', 'True', 'ScalingUp', 'Scaling up from 2 to 3 replicas'),
    ];
    const s = summarise(c, [], { pools: [pool] });
    expect(s.status).toBe('Scaling');
    expect(s.headline?.type).toBe('ScalingUp');
    expect(s.nodePools[0].status).toBe('Scaling');
  });

  it('is Degraded when the remote connection probe fails, with the explanation', () => {
    const s = summarise(
      cluster('c', {
        failing: {
          type: 'RemoteConnectionProbe',
          reason: 'ProbeFailed',
          message: 'Remote connection probe failed',
        },
      }),
    );
    expect(s).toMatchObject({
      status: 'Degraded',
      headline: { type: 'RemoteConnectionProbe' },
      explanation: { id: 'remote-connection-probe-failed' },
    });
  });
});

describe('buildClusterSummary upgrades come from what runs', () => {
  it('offers no upgrade to a cluster at v1.33.4 in Git whose control plane and one pool still run v1.32.8, and says why', () => {
    const c = cluster('c', {
      version: 'v1.33.4',
      pools: [
        { name: 'md-0', replicas: 1 },
        { name: 'md-1', replicas: 1 },
      ],
    });
    const s = summarise(
      c,
      [
        machine('c', 'cp-1', { controlPlane: true, kubeletVersion: 'v1.32.8' }),
        machine('c', 'w-0', { pool: 'md-0', kubeletVersion: 'v1.32.8' }),
        machine('c', 'w-1', { pool: 'md-1', kubeletVersion: 'v1.33.4' }),
      ],
      {
        allowedVersions: ['v1.32.8', 'v1.33.4', 'v1.34.1'],
        pools: [
          machineDeployment('c', 'md-0', { replicas: 1, version: 'v1.32.8' }),
          machineDeployment('c', 'md-1', { replicas: 1 }),
        ],
      },
    );
    expect(s.upgradeOptions).toEqual([]);
    expect(s.upgrade).toMatchObject({
      available: [],
      from: 'v1.32.8',
      blockedReason:
        'An upgrade to v1.33.4 is still rolling out: the control plane runs v1.32.8, node pool md-0 runs v1.32.8. A new version can be chosen once every machine runs v1.33.4 (Cluster API refuses one before).',
    });
    expect(s.status).toBe('Upgrading');
  });

  it('reads CAPI v1.14 versions, upgrade plans and in-place updates into the read model', () => {
    const c = cluster('c', { version: 'v1.34.1' }) as Obj;
    c.status.controlPlane = {
      versions: [{ version: 'v1.33.4', replicas: 1 }],
      upgradePlan: [{ version: 'v1.34.1' }],
    };
    c.status.workers = {
      versions: [{ version: 'v1.33.4', replicas: 2 }],
      upgradePlan: [{ version: 'v1.34.1' }],
    };
    const pool = machineDeployment('c', 'md-0', { version: 'v1.33.4' }) as Obj;
    pool.status.versions = [{ version: 'v1.33.4', replicas: 2 }];
    const updating = machine('c', 'w-0') as Obj;
    updating.status.conditions = [
      cond('Updating', 'True', 'InPlaceUpdating'),
      cond('UpToDate', 'False', 'NotUpToDate'),
    ];
    const s = summarise(c, [updating], {
      pools: [pool],
      allowedVersions: ['v1.34.1', 'v1.35.0'],
    });
    expect(s.upgrade).toMatchObject({
      available: [],
      controlPlaneVersions: [{ version: 'v1.33.4', replicas: 1 }],
      workerVersions: [{ version: 'v1.33.4', replicas: 2 }],
      controlPlanePlan: ['v1.34.1'],
      workersPlan: ['v1.34.1'],
      updatingInPlace: ['w-0'],
    });
    expect(s.nodePools[0].versions).toEqual([
      { version: 'v1.33.4', replicas: 2 },
    ]);
    expect(s.machines[0]).toMatchObject({
      updatingInPlace: true,
      upToDate: false,
    });
    expect(s.status).toBe('Upgrading');
  });

  it('offers the next minor once everything runs one version', () => {
    const s = summarise(
      cluster('c'),
      [machine('c', 'cp-1', { controlPlane: true }), machine('c', 'w-0')],
      {
        allowedVersions: ['v1.33.4', 'v1.34.1', 'v1.35.0'],
        pools: [machineDeployment('c', 'md-0')],
      },
    );
    expect(s.status).toBe('Available');
    expect(s.upgradeOptions).toEqual(['v1.34.1']);
    expect(s.upgrade?.blockedReason).toBeUndefined();
  });
});

describe('buildClusterSummary counts patch states as the definition says', () => {
  it('counts a machine without a node as unknown, whatever its providers report', () => {
    const c = normaliseCluster(
      cluster('c', { pools: [{ name: 'md-0', replicas: 2 }] }),
      'v1beta2',
    )!;
    const provisioning = machine('c', 'c-md-0-new', { phase: 'Provisioning' });
    delete (provisioning.status as Record<string, unknown>).nodeRef;
    const machines = [
      machine('c', 'c-cp-1', { controlPlane: true }),
      machine('c', 'c-cp-2', { controlPlane: true, phase: 'Pending' }),
      machine('c', 'c-md-0-old'),
      provisioning,
    ];
    delete (machines[1].status as Record<string, unknown>).nodeRef;
    const { summary } = buildClusterSummary({
      managementCluster: 'mc',
      apiVersion: 'v1beta2',
      cluster: c,
      controlPlane: normaliseKubeadmControlPlane(controlPlane('c'), 'v1beta2'),
      pools: [
        normaliseMachineDeployment(
          machineDeployment('c', 'md-0', { replicas: 2 }),
          'v1beta2',
        ) as TrimmedPool,
      ],
      machines: machines.map(
        m => normaliseMachine(m, 'v1beta2') as TrimmedMachine,
      ),
      // The simulator and some patch controllers annotate a machine at creation.
      patchStateOf: () => ({
        state: { state: 'up-to-date', rebootRequired: false },
        validUntil: Infinity,
      }),
    });
    expect(summary.patch).toMatchObject({ total: 4, upToDate: 2, unknown: 2 });
    expect(summary.patch.compliance).toBe(0.5);
    expect(summary.controlPlane.patch).toMatchObject({
      total: 2,
      upToDate: 1,
      unknown: 1,
    });
    expect(summary.nodePools[0].patch).toMatchObject({
      total: 2,
      upToDate: 1,
      unknown: 1,
    });
    expect(summary.machines.map(m => [m.name, m.patch.state])).toEqual([
      ['c-cp-1', 'up-to-date'],
      ['c-cp-2', 'unknown'],
      ['c-md-0-new', 'unknown'],
      ['c-md-0-old', 'up-to-date'],
    ]);
  });
});
