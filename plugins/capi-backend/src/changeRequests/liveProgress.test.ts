import type {
  ClusterSummary,
  NodePoolSummary,
} from '@capstan/plugin-capi-common';
import { liveProgressOf } from './liveProgress';

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
    ).toEqual({ state: 'pending', mismatch: 'pool md-0 replicas 2, want 3' });
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({ desiredVersion: 'v1.32.9' }),
      }),
    ).toMatchObject({ mismatch: 'version v1.32.9, want v1.33.4' });
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({
          nodePools: [pool({}), pool({ name: 'gpu' })],
        }),
      }),
    ).toMatchObject({ mismatch: 'pool gpu still present' });
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
      waitingFor: 'pool md-0 2/3 up to date, 2 ready',
    });
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({ runningVersions: ['v1.33.4', 'v1.32.9'] }),
      }),
    ).toEqual({ state: 'applied', waitingFor: 'machines still run v1.32.9' });
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
    ).toEqual({ state: 'applied', waitingFor: 'the cluster reads Scaling' });
    expect(
      liveProgressOf(desired, {
        synced: true,
        summary: summary({ nodePools: [pool({ status: 'RollingOut' })] }),
      }),
    ).toEqual({ state: 'applied', waitingFor: 'pool md-0 reads RollingOut' });
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
    ).toMatchObject({ mismatch: 'pool md-0 autoscaling 1-6, want 2-6' });
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
    });
    expect(liveProgressOf(gone, { synced: true })).toEqual({
      state: 'complete',
    });
  });
});
