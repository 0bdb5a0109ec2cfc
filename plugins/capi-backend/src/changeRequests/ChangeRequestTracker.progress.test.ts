import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { ClusterSummary } from '@capstan/plugin-capi-common';
import { ChangeRequestStore } from './ChangeRequestStore';
import { ChangeRequestTracker } from './ChangeRequestTracker';
import type { LiveCluster } from './liveProgress';

const MINUTE = 60_000;
const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

/** A 12-machine pool rolling out, `upToDate` of them done. */
function rollingPool(upToDate: number): LiveCluster {
  const summary = {
    phase: 'Provisioned',
    status: 'RollingOut',
    desiredVersion: 'v1.34.1',
    runningVersions: ['v1.34.1'],
    rollingOut: true,
    controlPlane: {
      desiredReplicas: 1,
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      upToDateReplicas: 1,
      initialized: true,
      available: true,
    },
    nodePools: [
      {
        name: 'md-0',
        desiredReplicas: 12,
        replicas: 12,
        readyReplicas: 12,
        availableReplicas: 12,
        upToDateReplicas: upToDate,
        rollingOut: true,
        conditions: [],
      },
    ],
    conditions: [],
  } as unknown as ClusterSummary;
  return { summary, synced: true };
}

describe('ChangeRequestTracker: how long a rollout may take', () => {
  it('lets a rollout of many machines run past stuckAfter while machines keep coming up, and fails it after stuckAfter without progress', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await ChangeRequestStore.create({
      database: { getClient: async () => knex },
    });
    let now = Date.parse('2026-12-01T10:00:00Z');
    let upToDate = 0;
    const tracker = ChangeRequestTracker.create({
      store,
      logger: mockServices.logger.mock(),
      live: () => rollingPool(upToDate),
      git: () => 'unmirrored',
      stuckAfterMs: 30 * MINUTE,
      now: () => now,
    });
    const id = 'a'.repeat(32);
    await store.add({
      id,
      managementCluster: 'mc',
      namespace: 'clusters',
      name: 'big',
      kind: 'update-pool',
      taskId: 'task-1',
      mode: 'commit',
      desired: {
        present: true,
        version: 'v1.34.1',
        controlPlaneReplicas: 1,
        pools: [{ name: 'md-0', replicas: 12 }],
      },
    });
    await tracker.pass(); // in Git
    await tracker.pass(); // applied
    await tracker.pass(); // rolling out
    expect((await store.get(id))!.stage).toBe('rolling-out');

    // One machine every 10 minutes: two hours in all, never 30 min idle.
    for (let machine = 1; machine < 12; machine++) {
      now += 10 * MINUTE;
      upToDate = machine;
      await tracker.pass();
      expect((await store.get(id))!.stage).toBe('rolling-out');
    }

    // The last machine never comes up.
    now += 29 * MINUTE;
    await tracker.pass();
    expect((await store.get(id))!.stage).toBe('rolling-out');
    now += 2 * MINUTE;
    await tracker.pass();
    expect(await store.get(id)).toMatchObject({
      stage: 'failed',
      reason:
        'No progress for 30 min while the machines roll out: node pool md-0 has 11 of 12 machines up to date and 12 ready.',
    });
  });
});
