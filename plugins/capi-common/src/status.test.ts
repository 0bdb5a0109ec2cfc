import {
  clusterStatus,
  conditionHealthIn,
  replicaSetStatus,
  ReplicaSetStatusInput,
} from './status';
import {
  base,
  c,
  rollingCluster,
  rollingPool,
  replaced,
} from './__testUtils__/statusInputs';

describe('replicaSetStatus', () => {
  it('shows a pool rolling out a machine size change as RollingOut with the rollout as headline', () => {
    expect(replicaSetStatus(rollingPool)).toEqual({
      status: 'RollingOut',
      headline: rollingPool.conditions[3],
    });
  });

  it('reads Available=False during a scale-up (maxUnavailable 0) as Scaling, not Degraded', () => {
    const v = replicaSetStatus({
      conditions: [
        c(
          'Available',
          'False',
          'NotAvailable',
          '2 available replicas, at least 3 required',
        ),
        c('MachinesReady', 'False', 'NotReady'),
        c('ScalingUp', 'True', 'ScalingUp', 'Scaling up from 2 to 3 replicas'),
        c('RollingOut', 'False', 'NotRollingOut'),
      ],
      replicas: 3,
      desiredReplicas: 3,
      availableReplicas: 2,
      upToDateReplicas: 3,
    });
    expect(v.status).toBe('Scaling');
    expect(v.headline?.type).toBe('ScalingUp');
  });

  it('is Degraded when availability is lost with nothing in progress', () => {
    const v = replicaSetStatus({
      conditions: [
        c(
          'Available',
          'False',
          'NotAvailable',
          '1 available replicas, at least 3 required',
        ),
        c('MachinesReady', 'False', 'NotReady'),
        c('RollingOut', 'False', 'NotRollingOut'),
        c('ScalingUp', 'False', 'NotScalingUp'),
      ],
      replicas: 3,
      desiredReplicas: 3,
      availableReplicas: 1,
      upToDateReplicas: 3,
    });
    expect(v.status).toBe('Degraded');
    expect(v.headline?.type).toBe('Available');
  });

  it('reads Available=False as Scaling while new machines still boot, once CAPI no longer reports ScalingUp', () => {
    const input: ReplicaSetStatusInput = {
      conditions: [
        c(
          'Available',
          'False',
          'NotAvailable',
          '1 available replicas, at least 3 required',
        ),
        c('ScalingUp', 'False', 'NotScalingUp'),
        c('RollingOut', 'False', 'NotRollingOut'),
      ],
      replicas: 3,
      desiredReplicas: 3,
      availableReplicas: 1,
      upToDateReplicas: 3,
    };
    expect(replicaSetStatus({ ...input, machinesStarting: 2 }).status).toBe(
      'Scaling',
    );
    // Booting machines that cannot cover the gap, or none at all: availability is lost.
    expect(replicaSetStatus({ ...input, machinesStarting: 1 }).status).toBe(
      'Degraded',
    );
    expect(replicaSetStatus(input).status).toBe('Degraded');
  });

  it('calls a rollout to another Kubernetes version Upgrading', () => {
    expect(
      replicaSetStatus({ ...rollingPool, versionChanging: true }).status,
    ).toBe('Upgrading');
  });

  it.each([
    ['Deleting', 'Deleting'],
    ['Paused', 'Paused'],
  ])('shows %s=True as %s', (type, status) => {
    const v = replicaSetStatus({
      ...rollingPool,
      conditions: [
        ...rollingPool.conditions.filter(x => x.type !== type),
        c(type, 'True'),
      ],
    });
    expect(v).toMatchObject({ status, headline: { type } });
  });

  it('keeps a remediating pool Available, with the warning as headline', () => {
    const v = replicaSetStatus({
      conditions: [
        c('Available', 'True'),
        c(
          'Remediating',
          'True',
          'Remediating',
          'Machine md-0-x is being remediated',
        ),
        c('RollingOut', 'False'),
        c('ScalingUp', 'False'),
      ],
      replicas: 3,
      desiredReplicas: 3,
      availableReplicas: 3,
      upToDateReplicas: 3,
    });
    expect(v).toMatchObject({
      status: 'Available',
      headline: { type: 'Remediating' },
    });
  });

  it('reads v1beta1 pools (no rollout conditions) from their counters', () => {
    expect(
      replicaSetStatus({
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            severity: 'Warning',
            reason: 'WaitingForAvailableMachines',
          },
        ],
        replicas: 3,
        desiredReplicas: 3,
        availableReplicas: 2,
        upToDateReplicas: 1,
      }).status,
    ).toBe('RollingOut');
    expect(
      replicaSetStatus({
        conditions: [{ type: 'Ready', status: 'True' }],
        replicas: 3,
        desiredReplicas: 3,
        availableReplicas: 3,
        upToDateReplicas: 3,
      }).status,
    ).toBe('Available');
  });
});

describe('clusterStatus', () => {
  it('shows the issue input — WorkerMachinesUpToDate=False NotUpToDate, RollingOut=True, Available=True — as RollingOut, no failure headline', () => {
    const v = clusterStatus({
      ...base,
      conditions: rollingCluster,
      pools: [replicaSetStatus(rollingPool)],
      controlPlane: { status: 'Available' },
    });
    expect(v.status).toBe('RollingOut');
    expect(v.headline).toMatchObject({ type: 'RollingOut', status: 'True' });
    expect(conditionHealthIn(v.headline!, v.status)).toBe('active');
  });

  it('shows a scale-up where CAPI reports Available=False and WorkersAvailable=False as Scaling', () => {
    const conditions = rollingCluster.map(x => {
      if (x.type === 'Available' || x.type === 'WorkersAvailable')
        return c(
          x.type,
          'False',
          'NotAvailable',
          '* MachineDeployment md-0: 2 available replicas, at least 3 required',
        );
      if (x.type === 'RollingOut') return c('RollingOut', 'False');
      if (x.type === 'ScalingUp') return c('ScalingUp', 'True', 'ScalingUp');
      if (x.type === 'WorkerMachinesUpToDate') return c(x.type, 'True');
      return x;
    });
    const v = clusterStatus({
      ...base,
      conditions,
      pools: [{ status: 'Scaling', headline: c('ScalingUp', 'True') }],
    });
    expect(v.status).toBe('Scaling');
    expect(v.headline?.type).toBe('ScalingUp');
    expect(conditionHealthIn(conditions[0], v.status)).toBe('active');
  });

  it('is Degraded when a gate other than a replica summary fails, even during a rollout', () => {
    const conditions = replaced(
      c(
        'RemoteConnectionProbe',
        'False',
        'ProbeFailed',
        'Remote connection probe failed, probe last succeeded at ...',
      ),
      c('Available', 'False', 'NotAvailable'),
    );
    const v = clusterStatus({
      ...base,
      conditions,
      pools: [replicaSetStatus(rollingPool)],
    });
    expect(v).toMatchObject({
      status: 'Degraded',
      headline: { type: 'RemoteConnectionProbe' },
    });
  });

  it('is Degraded when WorkersAvailable fails and no pool is in progress', () => {
    const conditions = replaced(
      c('WorkersAvailable', 'False', 'NotAvailable'),
      c('Available', 'False', 'NotAvailable'),
      c('RollingOut', 'False'),
    );
    const v = clusterStatus({
      ...base,
      conditions,
      pools: [{ status: 'Degraded', headline: c('Available', 'False') }],
    });
    expect(v).toMatchObject({
      status: 'Degraded',
      headline: { type: 'WorkersAvailable' },
    });
  });

  it('is Upgrading during a version rollout, and TopologyReconciled=False ClusterUpgrading is no failure', () => {
    const conditions = rollingCluster.map(x =>
      x.type === 'TopologyReconciled'
        ? c(
            x.type,
            'False',
            'ClusterUpgrading',
            'Cluster is upgrading to v1.33.4',
          )
        : x,
    );
    const v = clusterStatus({
      ...base,
      versionChanging: true,
      conditions,
      pools: [replicaSetStatus({ ...rollingPool, versionChanging: true })],
    });
    expect(v.status).toBe('Upgrading');
    expect(v.headline?.type).not.toBe('Available');
  });

  it('is Degraded for TopologyReconcileFailed', () => {
    const conditions = rollingCluster.map(x =>
      x.type === 'TopologyReconciled'
        ? c(
            x.type,
            'False',
            'TopologyReconcileFailed',
            'admission webhook denied the request',
          )
        : x,
    );
    expect(clusterStatus({ ...base, conditions, pools: [] })).toMatchObject({
      status: 'Degraded',
      headline: { type: 'TopologyReconciled' },
    });
  });

  it.each([
    [{ deleting: true }, 'Deleting'],
    [{ failureMessage: 'quota' }, 'Failed'],
    [{ paused: true }, 'Paused'],
    [{ controlPlaneInitialized: false }, 'Provisioning'],
    [{ phase: 'Provisioning' }, 'Provisioning'],
  ])('puts lifecycle first: %j → %s', (extra, status) => {
    expect(
      clusterStatus({
        ...base,
        ...extra,
        conditions: rollingCluster,
        pools: [],
      }).status,
    ).toBe(status);
  });

  it('is Available when all is normal; a warning stays the headline without changing it', () => {
    const conditions = replaced(
      c('RollingOut', 'False'),
      c('WorkerMachinesUpToDate', 'True'),
    );
    const v = clusterStatus({
      ...base,
      conditions,
      pools: [{ status: 'Available' }],
    });
    expect(v.status).toBe('Available');
    expect(v.headline?.type).toBe('WorkerMachinesReady');
  });

  it('reads a v1beta1 cluster mid-rollout (Ready=False RollingUpdateInProgress) as RollingOut', () => {
    const v = clusterStatus({
      ...base,
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          severity: 'Warning',
          reason: 'RollingUpdateInProgress',
        },
        {
          type: 'ControlPlaneReady',
          status: 'False',
          severity: 'Warning',
          reason: 'RollingUpdateInProgress',
        },
        { type: 'InfrastructureReady', status: 'True' },
      ],
      controlPlane: { status: 'RollingOut' },
      pools: [],
    });
    expect(v.status).toBe('RollingOut');
  });
});
