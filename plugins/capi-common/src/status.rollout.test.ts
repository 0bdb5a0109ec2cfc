import {
  clusterStatus,
  replicaSetStatus,
  ReplicaSetStatusInput,
} from './status';
import { base, c, inProgress, reading } from './__testUtils__/rolloutReadings';

describe('MachineDeployment and MachinePool rollouts: old machines deleting, new ones joining', () => {
  /** A MachineDeployment (3 wanted, maxSurge 1) rolling out, v1beta2. */
  const rollingPool: ReplicaSetStatusInput = {
    conditions: [
      c('Available', 'False', 'NotAvailable'),
      c('MachinesReady', 'False', 'NotReady'),
      c('MachinesUpToDate', 'False', 'NotUpToDate'),
      c('RollingOut', 'True', 'RollingOut'),
      c('ScalingUp', 'False', 'NotScalingUp'),
      c('ScalingDown', 'False', 'NotScalingDown'),
    ],
    replicas: 4,
    desiredReplicas: 3,
    availableReplicas: 2,
    upToDateReplicas: 2,
  };

  it('reads a new machine joining while the old ones still serve as RollingOut', () => {
    expect(
      reading(
        replicaSetStatus({
          ...rollingPool,
          availableReplicas: 3,
          machinesAvailable: 3,
          machinesStarting: 1,
        }),
      ),
    ).toEqual(inProgress('RollingOut'));
  });

  it('reads an old machine being deleted after its successor became available as RollingOut', () => {
    expect(
      reading(
        replicaSetStatus({
          ...rollingPool,
          machinesAvailable: 3,
          machinesLeaving: 1,
        }),
      ),
    ).toEqual(inProgress('RollingOut'));
  });

  it('is Degraded when a machine that was available lost its node during the rollout and nothing makes up for it', () => {
    const v = replicaSetStatus({
      ...rollingPool,
      replicas: 3,
      machinesAvailable: 2,
      machinesLost: 1,
    });
    expect(v).toMatchObject({
      status: 'Degraded',
      headline: { type: 'Available' },
    });
    // A new machine already joining for it makes up for it.
    expect(
      reading(
        replicaSetStatus({
          ...rollingPool,
          machinesAvailable: 2,
          machinesLost: 1,
          machinesStarting: 1,
        }),
      ),
    ).toEqual(inProgress('RollingOut'));
  });

  it('reads a v1beta1 MachineDeployment rollout (counters, MachineSetReady) the same way', () => {
    const v1beta1: ReplicaSetStatusInput = {
      conditions: [
        c('Available', 'True'),
        c('Ready', 'False', 'NodeNotFound', 'Warning'),
        c('MachineSetReady', 'False', 'NodeNotFound', 'Warning'),
      ],
      replicas: 4,
      desiredReplicas: 3,
      availableReplicas: 3,
      upToDateReplicas: 2,
      machinesAvailable: 3,
      machinesLeaving: 1,
    };
    expect(reading(replicaSetStatus(v1beta1))).toEqual(
      inProgress('RollingOut'),
    );
    expect(
      replicaSetStatus({
        ...v1beta1,
        conditions: [
          c('Available', 'False', 'MinimumReplicasUnavailable', 'Warning'),
          ...v1beta1.conditions.slice(1),
        ],
        replicas: 3,
        availableReplicas: 2,
        machinesAvailable: 2,
        machinesLeaving: 0,
        machinesLost: 1,
      }).status,
    ).toBe('Degraded');
  });

  it('reads a MachinePool replacing instances (status replicas above spec, no Machine objects) as Scaling', () => {
    expect(
      reading(
        replicaSetStatus({
          conditions: [
            c('Available', 'False', 'NotAvailable'),
            c('MachinesReady', 'False', 'NotReady'),
            c('ScalingUp', 'False', 'NotScalingUp'),
            c('ScalingDown', 'True', 'ScalingDown'),
          ],
          replicas: 4,
          desiredReplicas: 3,
          availableReplicas: 3,
          upToDateReplicas: 4,
        }),
      ),
    ).toEqual(inProgress('Scaling'));
  });

  it('keeps a MachinePool that lost a machine it had Degraded, with nothing in progress', () => {
    const v = replicaSetStatus({
      conditions: [
        c('Available', 'False', 'NotAvailable'),
        c('ScalingUp', 'False', 'NotScalingUp'),
        c('ScalingDown', 'False', 'NotScalingDown'),
      ],
      replicas: 3,
      desiredReplicas: 3,
      availableReplicas: 2,
      upToDateReplicas: 3,
      machinesAvailable: 2,
      machinesLost: 1,
    });
    expect(v.status).toBe('Degraded');
  });

  it('reads the Cluster of a pool rolling out, whose WorkersAvailable lags, as RollingOut; a pool with a lost machine makes it Degraded', () => {
    const conditions = [
      c('Available', 'False', 'NotAvailable'),
      c('InfrastructureReady', 'True', 'Ready'),
      c('ControlPlaneInitialized', 'True', 'Initialized'),
      c('ControlPlaneAvailable', 'True', 'Available'),
      c('WorkersAvailable', 'False', 'NotAvailable'),
      c('RollingOut', 'True', 'RollingOut'),
    ];
    const pool = replicaSetStatus({
      ...rollingPool,
      machinesAvailable: 3,
      machinesLeaving: 1,
    });
    expect(
      reading(
        clusterStatus({
          ...base,
          versionChanging: false,
          conditions,
          controlPlane: { status: 'Available' },
          pools: [pool],
        }),
      ),
    ).toEqual(inProgress('RollingOut'));
    const lost = replicaSetStatus({
      ...rollingPool,
      replicas: 3,
      machinesAvailable: 2,
      machinesLost: 1,
    });
    expect(
      clusterStatus({
        ...base,
        versionChanging: false,
        conditions,
        controlPlane: { status: 'Available' },
        pools: [lost],
      }).status,
    ).toBe('Degraded');
  });
});
