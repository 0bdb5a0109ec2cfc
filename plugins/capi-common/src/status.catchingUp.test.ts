import {
  clusterStatus,
  conditionHealthIn,
  replicaSetStatus,
  ReplicaSetStatusInput,
} from './status';
import { base, c, replaced } from './__testUtils__/statusInputs';

describe('machines still coming up (never available yet) are a scale-up, not a loss', () => {
  /** A KubeadmControlPlane whose only machine runs but is not available yet, as the real controllers report it. */
  const joiningControlPlane: ReplicaSetStatusInput = {
    conditions: [
      c(
        'Available',
        'False',
        'NotAvailable',
        '* There are no healthy etcd member',
      ),
      c('Initialized', 'True', 'Initialized'),
      c('EtcdClusterHealthy', 'False', 'NotHealthy'),
      c('ControlPlaneComponentsHealthy', 'False', 'NotHealthy'),
      c('MachinesReady', 'False', 'NotReady'),
      c('ScalingUp', 'False', 'NotScalingUp'),
      c('RollingOut', 'False', 'NotRollingOut'),
    ],
    replicas: 1,
    desiredReplicas: 1,
    availableReplicas: 0,
    upToDateReplicas: 1,
  };

  it('shows a new control plane whose machine joins as Scaling, with no failure headline', () => {
    const v = replicaSetStatus({ ...joiningControlPlane, machinesStarting: 1 });
    expect(v.status).toBe('Scaling');
    expect(conditionHealthIn(v.headline!, v.status)).not.toBe('failing');
  });

  it('is Degraded for the same conditions when no machine is coming up (the node was lost)', () => {
    expect(replicaSetStatus(joiningControlPlane).status).toBe('Degraded');
  });

  it('scaling a control plane up 1→3: etcd and components unhealthy while two members join is Scaling; with one member lost it is Degraded', () => {
    const input: ReplicaSetStatusInput = {
      ...joiningControlPlane,
      conditions: joiningControlPlane.conditions.map(x =>
        x.type === 'Available' ? c('Available', 'True', 'Available') : x,
      ),
      replicas: 3,
      desiredReplicas: 3,
      availableReplicas: 1,
    };
    expect(replicaSetStatus({ ...input, machinesStarting: 2 }).status).toBe(
      'Scaling',
    );
    // Only one of the two missing replicas is coming up: the other is lost.
    expect(replicaSetStatus({ ...input, machinesStarting: 1 }).status).toBe(
      'Degraded',
    );
  });

  it('a rolling replacement of a single control plane machine reads Upgrading while the new one joins', () => {
    const v = replicaSetStatus({
      ...joiningControlPlane,
      conditions: [
        ...joiningControlPlane.conditions.filter(x => x.type !== 'RollingOut'),
        c('RollingOut', 'True', 'RollingOut'),
      ],
      replicas: 2,
      availableReplicas: 1,
      upToDateReplicas: 1,
      machinesStarting: 1,
      versionChanging: true,
    });
    expect(v.status).toBe('Upgrading');
    expect(v.headline).toMatchObject({ type: 'RollingOut' });
  });

  it('excuses the Cluster’s ControlPlaneAvailable=False only while the control plane itself is coming up', () => {
    const conditions = replaced(
      c('Available', 'False', 'NotAvailable'),
      c('ControlPlaneAvailable', 'False', 'NotAvailable'),
      c('WorkersAvailable', 'False', 'NotAvailable'),
    );
    const joining = clusterStatus({
      ...base,
      conditions,
      controlPlane: replicaSetStatus({
        ...joiningControlPlane,
        machinesStarting: 1,
      }),
      pools: [{ status: 'Scaling' }],
    });
    expect(joining.status).toBe('Scaling');
    expect(conditionHealthIn(joining.headline!, joining.status)).not.toBe(
      'failing',
    );
    // A pool scaling up does not excuse a control plane that lost its machine.
    const lost = clusterStatus({
      ...base,
      conditions,
      controlPlane: replicaSetStatus(joiningControlPlane),
      pools: [{ status: 'Scaling' }],
    });
    expect(lost).toMatchObject({
      status: 'Degraded',
      headline: { type: 'ControlPlaneAvailable' },
    });
  });

  it('reads ControlPlaneInitialized=False as Provisioning even when the phase (or the control plane) already says more', () => {
    const v = clusterStatus({
      ...base,
      conditions: replaced(
        c('ControlPlaneInitialized', 'False', 'NotInitialized'),
        c('Available', 'False', 'NotAvailable'),
      ),
      pools: [],
    });
    expect(v).toMatchObject({
      status: 'Provisioning',
      headline: { type: 'ControlPlaneInitialized' },
    });
  });
});

describe('roll-ups one reconcile behind (Machine → pool → Cluster)', () => {
  it('reads a pool whose machines are all available but whose Available and counters are not yet as Scaling, not Degraded', () => {
    const input: ReplicaSetStatusInput = {
      conditions: [
        c('Available', 'False', 'NotAvailable'),
        c('ScalingUp', 'False', 'NotScalingUp'),
        c('RollingOut', 'False', 'NotRollingOut'),
      ],
      replicas: 3,
      desiredReplicas: 3,
      availableReplicas: 2,
      upToDateReplicas: 3,
    };
    expect(replicaSetStatus({ ...input, machinesAvailable: 3 }).status).toBe(
      'Scaling',
    );
    // Only two machines say so: one replica is really missing.
    expect(replicaSetStatus({ ...input, machinesAvailable: 2 }).status).toBe(
      'Degraded',
    );
  });

  it('reads WorkersAvailable=False / ControlPlaneAvailable=False as the Cluster catching up when the pools and control plane are available', () => {
    const conditions = replaced(
      c('Available', 'False', 'NotAvailable'),
      c('WorkersAvailable', 'False', 'NotAvailable'),
      c('ControlPlaneAvailable', 'False', 'NotAvailable'),
      c('RollingOut', 'False', 'NotRollingOut'),
      c('WorkerMachinesUpToDate', 'True', 'UpToDate'),
    );
    expect(
      clusterStatus({
        ...base,
        conditions,
        controlPlane: { status: 'Available' },
        pools: [{ status: 'Available' }, { status: 'Available' }],
      }).status,
    ).toBe('Scaling');
    const degradedPool = clusterStatus({
      ...base,
      conditions,
      controlPlane: { status: 'Available' },
      pools: [
        { status: 'Available' },
        { status: 'Degraded', headline: c('Available', 'False') },
      ],
    });
    expect(degradedPool).toMatchObject({
      status: 'Degraded',
      headline: { type: 'WorkersAvailable' },
    });
    // Nothing to compare with (no pools known): the Cluster's word stands.
    expect(
      clusterStatus({
        ...base,
        conditions,
        controlPlane: { status: 'Available' },
        pools: [],
      }).status,
    ).toBe('Degraded');
  });
});
