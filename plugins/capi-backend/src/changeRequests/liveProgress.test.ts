import type {
  ClusterSummary,
  NodePoolSummary,
} from '@capstan/plugin-capi-common';
import { liveProgressOf, workLeft } from './liveProgress';

function pool(overrides: Partial<NodePoolSummary>): NodePoolSummary {
  return {
    name: 'md-0',
    kind: 'MachineDeployment',
    desiredReplicas: 3,
    replicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    upToDateReplicas: 3,
    rollingOut: false,
    conditions: [],
    patch: {} as NodePoolSummary['patch'],
    ...overrides,
  };
}

function summary(overrides: Partial<ClusterSummary> = {}): ClusterSummary {
  return {
    phase: 'Provisioned',
    status: 'Available',
    desiredVersion: 'v1.33.4',
    runningVersions: ['v1.33.4'],
    rollingOut: false,
    controlPlane: {
      desiredReplicas: 1,
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      upToDateReplicas: 1,
      initialized: true,
      available: true,
    },
    nodePools: [pool({})],
    ...overrides,
  } as ClusterSummary;
}

const desired = {
  present: true,
  version: 'v1.33.4',
  controlPlaneReplicas: 1,
  pools: [{ name: 'md-0', replicas: 3 }],
};

describe('liveProgressOf', () => {
  it('is pending while the live spec differs, naming the field', () => {
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({ nodePools: [pool({ desiredReplicas: 2 })] }),
      }),
    ).toEqual({
      state: 'pending',
      mismatch: 'node pool md-0 still asks for 2 machines, not 3',
    });
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({ desiredVersion: 'v1.32.9' }),
      }),
    ).toMatchObject({
      mismatch:
        'the management cluster still asks for Kubernetes v1.32.9, not v1.33.4',
    });
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({
          nodePools: [pool({}), pool({ name: 'gpu' })],
        }),
      }),
    ).toMatchObject({ mismatch: 'node pool gpu is still there' });
    // The spec matches, but the controllers have not seen it yet.
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary(),
        observed: false,
      }),
    ).toMatchObject({ state: 'pending' });
  });

  it('is applied while machines change, complete when all are up to date, ready and on the version', () => {
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({
          nodePools: [pool({ upToDateReplicas: 2, readyReplicas: 2 })],
        }),
      }),
    ).toEqual({
      state: 'applied',
      waitingFor: 'node pool md-0 has 2 of 3 machines up to date and 2 ready',
    });
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({ runningVersions: ['v1.33.4', 'v1.32.9'] }),
      }),
    ).toEqual({
      state: 'applied',
      waitingFor: 'machines still run Kubernetes v1.32.9',
    });
    expect(
      liveProgressOf(desired, { synced: true, summary: summary() }),
    ).toEqual({
      state: 'complete',
    });
  });

  it('is applied, not complete, while the cluster or a pool still reads a rollout in progress with every machine up to date', () => {
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({ status: 'Scaling' }),
      }),
    ).toEqual({ state: 'applied', waitingFor: 'the cluster is still scaling' });
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({ nodePools: [pool({ status: 'RollingOut' })] }),
      }),
    ).toEqual({
      state: 'applied',
      waitingFor: 'node pool md-0 is still rolling out',
    });
    // A degraded cluster is not a rollout: the request is done, the card
    // shows the cluster's own status.
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({ status: 'Degraded' }),
      }),
    ).toEqual({ state: 'complete' });
  });

  it('compares autoscaling bounds, not replicas, of an autoscaled pool', () => {
    const autoscaled = {
      ...desired,
      pools: [{ name: 'md-0', autoscaling: { min: 2, max: 6 } }],
    };
    expect(
      liveProgressOf(autoscaled, {
        synced: true,
        summary: summary({
          nodePools: [pool({ autoscaling: { min: 1, max: 6 } })],
        }),
      }),
    ).toMatchObject({
      mismatch:
        'node pool md-0 still scales between 1 and 6 machines, not between 2 and 6',
    });
    expect(
      liveProgressOf(autoscaled, {
        synced: true,
        summary: summary({
          nodePools: [
            pool({
              autoscaling: { min: 2, max: 6 },
              desiredReplicas: 5,
              replicas: 5,
              readyReplicas: 5,
              upToDateReplicas: 5,
            }),
          ],
        }),
      }),
    ).toEqual({ state: 'complete' });
  });

  it('a decommission is applied while the cluster is deleting and complete once it is gone from a synced management cluster', () => {
    const gone = { present: false };
    expect(
      liveProgressOf(gone, { synced: true, summary: summary() }),
    ).toMatchObject({ state: 'pending' });
    expect(
      liveProgressOf(gone, {
        synced: true,
        summary: summary({ phase: 'Deleting' }),
      }),
    ).toMatchObject({ state: 'applied' });
    expect(liveProgressOf(gone, { synced: false })).toMatchObject({
      state: 'pending',
      mismatch: 'its management cluster has not been read yet',
    });
    expect(liveProgressOf(desired, { synced: false })).toMatchObject({
      mismatch: 'its management cluster has not been read yet',
    });
    expect(liveProgressOf(desired, { synced: true })).toMatchObject({
      mismatch: 'the cluster is not live yet',
    });
    expect(liveProgressOf(gone, { synced: true })).toEqual({
      state: 'complete',
    });
  });
});

describe('liveProgressOf: a Kubernetes upgrade, per part', () => {
  const v = (version: string, replicas: number) => [{ version, replicas }];
  /** Control plane on `cp`, pool md-0 asking for and running `pool`. */
  const summaryPool = () => summary().nodePools[0];
  function upgraded(cp: string, poolVersion: string, extra = {}) {
    return summary({
      desiredVersion: cp,
      runningVersions: [...new Set([cp, poolVersion])],
      controlPlane: {
        ...summary().controlPlane,
        version: cp,
        versions: v(cp, 1),
      },
      nodePools: [
        {
          ...summaryPool(),
          version: poolVersion,
          versions: v(poolVersion, 3),
          ...extra,
        },
      ],
    });
  }

  it('a classic control plane step is done once the control plane runs the version; its pools stay on theirs', () => {
    const controlPlaneStep = {
      ...desired,
      version: 'v1.34.1',
      pools: [{ name: 'md-0', replicas: 3, version: 'v1.33.4' }],
    };
    expect(
      liveProgressOf(controlPlaneStep, {
        synced: true,
        summary: upgraded('v1.34.1', 'v1.33.4', {}),
      }),
    ).toEqual({ state: 'complete' });
    const cpRolling = upgraded('v1.34.1', 'v1.33.4');
    cpRolling.controlPlane.versions = [
      { version: 'v1.33.4', replicas: 1 },
      { version: 'v1.34.1', replicas: 1 },
    ];
    expect(
      liveProgressOf(controlPlaneStep, { synced: true, summary: cpRolling }),
    ).toEqual({
      state: 'applied',
      waitingFor:
        'the control plane still runs Kubernetes v1.33.4 on 1 machine',
    });
  });

  it('a classic pools step waits for each pool to ask for and run the version', () => {
    const poolsStep = {
      ...desired,
      version: 'v1.34.1',
      pools: [{ name: 'md-0', replicas: 3, version: 'v1.34.1' }],
    };
    expect(
      liveProgressOf(poolsStep, {
        synced: true,
        summary: upgraded('v1.34.1', 'v1.33.4'),
      }),
    ).toEqual({
      state: 'pending',
      mismatch: 'node pool md-0 still asks for Kubernetes v1.33.4, not v1.34.1',
    });
    expect(
      liveProgressOf(poolsStep, {
        synced: true,
        summary: upgraded('v1.34.1', 'v1.34.1', {
          versions: [
            { version: 'v1.33.4', replicas: 2 },
            { version: 'v1.34.1', replicas: 1 },
          ],
        }),
      }),
    ).toEqual({
      state: 'applied',
      waitingFor: 'node pool md-0 still runs Kubernetes v1.33.4 on 2 machines',
    });
    expect(
      liveProgressOf(poolsStep, {
        synced: true,
        summary: upgraded('v1.34.1', 'v1.34.1'),
      }),
    ).toEqual({ state: 'complete' });
  });

  it('a topology upgrade is applied once the Cluster asks for the version, and done only when every pool runs it (the topology controller passes it on)', () => {
    const topology = {
      ...desired,
      version: 'v1.34.1',
      pools: [{ name: 'md-0', replicas: 3, version: 'v1.34.1' }],
    };
    const lagging = {
      ...upgraded('v1.34.1', 'v1.33.4'),
      clusterClass: 'standard',
    };
    expect(
      liveProgressOf(topology, { synced: true, summary: lagging }),
    ).toEqual({
      state: 'applied',
      waitingFor:
        'node pool md-0 still asks for Kubernetes v1.33.4, not v1.34.1',
    });
    expect(
      liveProgressOf(topology, {
        synced: true,
        summary: {
          ...upgraded('v1.34.1', 'v1.34.1'),
          clusterClass: 'standard',
        },
      }),
    ).toEqual({ state: 'complete' });
  });
});

describe('workLeft', () => {
  it('counts the machine steps a rollout still has to take, falling as machines come up', () => {
    const rolling = (upToDate: number, ready: number, replicas: number) =>
      summary({
        nodePools: [
          pool({ upToDateReplicas: upToDate, readyReplicas: ready, replicas }),
        ],
      });
    const steps = [
      rolling(0, 3, 4),
      rolling(1, 3, 4),
      rolling(1, 3, 3),
      rolling(2, 3, 3),
      rolling(3, 3, 3),
    ].map(s => workLeft(desired, s));
    expect(steps).toEqual([4, 3, 2, 1, 0]);
    expect(workLeft(desired, undefined)).toBe(undefined);
  });
});
