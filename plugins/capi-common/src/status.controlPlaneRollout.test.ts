import {
  clusterStatus,
  replicaSetStatus,
  ReplicaSetStatusInput,
} from './status';
import type { ClusterCondition } from './types';
import { base, c, inProgress, reading } from './__testUtils__/rolloutReadings';

/**
 * A KubeadmControlPlane (1 wanted) upgrading v1.34.1→v1.35.0 on the real
 * CAPI v1.14 controllers, as read while the read model flashed Degraded:
 * the new machine is available, the old one is being deleted and its etcd
 * member leaves (parity test, 2026-12-01 00:19:14).
 */
const replacingControlPlane: ReplicaSetStatusInput = {
  conditions: [
    c('Available', 'True', 'Available'),
    c('Initialized', 'True', 'Initialized'),
    c('EtcdClusterHealthy', 'False', 'NotHealthy'),
    c('ControlPlaneComponentsHealthy', 'False', 'NotHealthy'),
    c('MachinesReady', 'False', 'NotReady'),
    c('MachinesUpToDate', 'False', 'NotUpToDate'),
    c('RollingOut', 'True', 'RollingOut'),
    c('ScalingUp', 'False', 'NotScalingUp'),
    c('ScalingDown', 'True', 'ScalingDown'),
    c('Remediating', 'False', 'NotRemediating'),
    c('Deleting', 'False', 'NotDeleting'),
  ],
  replicas: 2,
  desiredReplicas: 1,
  availableReplicas: 1,
  upToDateReplicas: 1,
  machinesAvailable: 1,
  machinesLeaving: 1,
  versionChanging: true,
};

/** Its Cluster at that moment. */
const upgradingCluster: ClusterCondition[] = [
  c('Available', 'False', 'NotAvailable'),
  c('InfrastructureReady', 'True', 'Ready'),
  c('ControlPlaneInitialized', 'True', 'Initialized'),
  c('ControlPlaneAvailable', 'False', 'NotAvailable'),
  c('WorkersAvailable', 'True', 'Available'),
  c('RemoteConnectionProbe', 'True', 'ProbeSucceeded'),
  c('ControlPlaneMachinesReady', 'False', 'NotReady'),
  c('RollingOut', 'True', 'RollingOut'),
  c('TopologyReconciled', 'False', 'ClusterUpgrading'),
];

describe('old machines leaving while the available ones cover the wanted replicas are the rollout, not a loss', () => {
  it('reads the real single control plane replacement (old etcd member leaving) as Upgrading, control plane and Cluster', () => {
    const cp = replicaSetStatus(replacingControlPlane);
    expect(reading(cp)).toEqual(inProgress('Upgrading'));
    const cluster = clusterStatus({
      ...base,
      conditions: upgradingCluster,
      controlPlane: cp,
      pools: [{ status: 'Available' }, { status: 'Available' }],
    });
    expect(reading(cluster)).toEqual(inProgress('Upgrading'));
  });

  it('reads the same before the control plane counts the new machine available (its machine says so)', () => {
    const v = replicaSetStatus({
      ...replacingControlPlane,
      availableReplicas: 0,
      conditions: replacingControlPlane.conditions.map(x =>
        x.type === 'Available' ? c('Available', 'False', 'NotAvailable') : x,
      ),
    });
    expect(reading(v)).toEqual(inProgress('Upgrading'));
  });

  it('counts a leaving machine from the counters alone (status replicas above spec) when its Machine is not read', () => {
    const v = replicaSetStatus({
      ...replacingControlPlane,
      machinesLeaving: 0,
    });
    expect(reading(v)).toEqual(inProgress('Upgrading'));
  });

  it('is Degraded when nothing leaves and etcd is unhealthy during the rollout', () => {
    const v = replicaSetStatus({
      ...replacingControlPlane,
      replicas: 1,
      machinesLeaving: 0,
    });
    expect(v).toMatchObject({
      status: 'Degraded',
      headline: { type: 'EtcdClusterHealthy' },
    });
  });

  it('is Degraded when a machine that was available is lost while an old one leaves (3 wanted, 2 available)', () => {
    const input: ReplicaSetStatusInput = {
      ...replacingControlPlane,
      conditions: replacingControlPlane.conditions.map(x =>
        x.type === 'Available' ? c('Available', 'False', 'NotAvailable') : x,
      ),
      replicas: 4,
      desiredReplicas: 3,
      availableReplicas: 2,
      machinesAvailable: 2,
      machinesLeaving: 1,
      machinesLost: 1,
    };
    expect(replicaSetStatus(input).status).toBe('Degraded');
    // The same without the lost machine is the replacement.
    expect(
      reading(
        replicaSetStatus({
          ...input,
          availableReplicas: 3,
          machinesAvailable: 3,
          machinesLost: 0,
        }),
      ),
    ).toEqual(inProgress('Upgrading'));
  });

  it('is Degraded when the available machines do not cover the wanted replicas, even with one leaving', () => {
    const v = replicaSetStatus({
      ...replacingControlPlane,
      replicas: 3,
      desiredReplicas: 3,
      availableReplicas: 1,
      machinesAvailable: 1,
    });
    expect(v.status).toBe('Degraded');
  });

  it('reads a control plane scale-down 3→1 (members removed) as Scaling', () => {
    const v = replicaSetStatus({
      conditions: [
        c('Available', 'True', 'Available'),
        c('EtcdClusterHealthy', 'False', 'NotHealthy'),
        c('ControlPlaneComponentsHealthy', 'False', 'NotHealthy'),
        c('RollingOut', 'False', 'NotRollingOut'),
        c('ScalingUp', 'False', 'NotScalingUp'),
        c('ScalingDown', 'True', 'ScalingDown'),
      ],
      replicas: 3,
      desiredReplicas: 1,
      availableReplicas: 2,
      upToDateReplicas: 3,
      machinesAvailable: 1,
      machinesLeaving: 2,
    });
    expect(reading(v)).toEqual(inProgress('Scaling'));
    expect(v.headline).toMatchObject({ type: 'ScalingDown' });
  });

  it('reads a v1beta1 control plane (no v1beta2 conditions) scaling down 3→1 and replacing its machine the same way', () => {
    const v1beta1 = [
      c('Available', 'True'),
      c('Ready', 'False', 'EtcdClusterUnhealthy', 'Error'),
      c('EtcdClusterHealthy', 'False', 'EtcdClusterUnhealthy', 'Error'),
      c(
        'ControlPlaneComponentsHealthy',
        'False',
        'ControlPlaneComponentsUnhealthy',
        'Error',
      ),
      c('MachinesReady', 'False', 'NodeNotFound', 'Warning'),
      c('Resized', 'False', 'ScalingDown', 'Warning'),
    ];
    const scaleDown: ReplicaSetStatusInput = {
      conditions: v1beta1,
      replicas: 3,
      desiredReplicas: 1,
      availableReplicas: 1,
      upToDateReplicas: 3,
      machinesAvailable: 1,
      machinesLeaving: 2,
    };
    expect(reading(replicaSetStatus(scaleDown))).toEqual(inProgress('Scaling'));
    const rollout: ReplicaSetStatusInput = {
      conditions: [
        ...v1beta1.filter(x => x.type !== 'Resized'),
        c(
          'MachinesSpecUpToDate',
          'False',
          'RollingUpdateInProgress',
          'Warning',
        ),
      ],
      replicas: 2,
      desiredReplicas: 1,
      availableReplicas: 1,
      upToDateReplicas: 1,
      machinesAvailable: 1,
      machinesLeaving: 1,
      versionChanging: true,
    };
    expect(reading(replicaSetStatus(rollout))).toEqual(inProgress('Upgrading'));
    // A member lost instead of leaving: a loss.
    expect(
      replicaSetStatus({
        ...rollout,
        replicas: 1,
        machinesLeaving: 0,
        availableReplicas: 0,
        machinesAvailable: 0,
        machinesLost: 1,
      }).status,
    ).toBe('Degraded');
  });

  it('excuses a v1beta1 Cluster’s ControlPlaneReady=False only while its control plane is in progress', () => {
    const conditions = [
      c('Ready', 'False', 'EtcdClusterUnhealthy', 'Error'),
      c('InfrastructureReady', 'True'),
      c('ControlPlaneInitialized', 'True'),
      c('ControlPlaneReady', 'False', 'EtcdClusterUnhealthy', 'Error'),
    ];
    expect(
      reading(
        clusterStatus({
          ...base,
          conditions,
          controlPlane: { status: 'Upgrading' },
          pools: [{ status: 'Available' }],
        }),
      ),
    ).toEqual(inProgress('Upgrading'));
    expect(
      clusterStatus({
        ...base,
        versionChanging: false,
        conditions,
        controlPlane: {
          status: 'Degraded',
          headline: c('EtcdClusterHealthy', 'False', 'EtcdClusterUnhealthy'),
        },
        pools: [{ status: 'Available' }],
      }),
    ).toMatchObject({
      status: 'Degraded',
      headline: { type: 'ControlPlaneReady' },
    });
  });
});
