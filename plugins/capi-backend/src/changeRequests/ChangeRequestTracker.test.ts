import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  KubeObject,
  SIMULATED_RESOURCES as R,
  SimulatedManagementCluster,
  Simulator,
  startSimulator,
} from '@capstan/capi-simulator';
import type {
  ChangeRequestStage,
  ChangeRequestSubmission,
} from '@capstan/plugin-capi-common';
import { simulatedLive, type Conditions } from '../__testUtils__/simulatedLive';
import { ChangeRequestStore } from './ChangeRequestStore';
import { ChangeRequestTracker } from './ChangeRequestTracker';
import { PullRequestStateReader } from './PullRequestStateReader';

jest.setTimeout(120_000);

const NAMESPACE = 'team-s';
const MC = 'mc-cr';
const MINUTE = 60_000;
const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

function topologyCluster(name: string, replicas: number) {
  return {
    metadata: { name, namespace: NAMESPACE },
    spec: {
      topology: {
        classRef: { name: 'vsphere-standard' },
        version: 'v1.33.4',
        controlPlane: { replicas: 1 },
        workers: {
          machineDeployments: [
            { class: 'default-worker', name: 'md-0', replicas },
          ],
        },
      },
    },
  } as KubeObject;
}

function liveOf(
  mc: SimulatedManagementCluster,
  clusterConditions?: (name: string) => Conditions | undefined,
) {
  return simulatedLive(mc, NAMESPACE, { clusterConditions });
}

/** A GitHub API stand-in answering pull request state. */
async function startPullRequestHost() {
  const states = new Map<number, { state: string; merged: boolean }>();
  let calls = 0;
  const server = http.createServer((req, res) => {
    calls += 1;
    const match = /^\/api\/repos\/acme\/gitops\/pulls\/(\d+)$/.exec(req.url!);
    const pr = match && states.get(Number(match[1]));
    res.writeHead(pr ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(pr ?? { message: 'Not Found' }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    states,
    calls: () => calls,
    apiBaseUrl: `http://127.0.0.1:${port}/api`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

function submission(
  id: string,
  name: string,
  overrides: Partial<ChangeRequestSubmission> = {},
): ChangeRequestSubmission {
  return {
    id: id.padStart(32, '0'),
    managementCluster: MC,
    namespace: NAMESPACE,
    name,
    kind: 'update-pool',
    requestedBy: 'user:default/mia',
    taskId: `task-${id}`,
    mode: 'commit',
    commitSha: 'c'.repeat(40),
    desired: {
      present: true,
      version: 'v1.33.4',
      controlPlaneReplicas: 1,
      pools: [{ name: 'md-0', replicas: 3 }],
    },
    ...overrides,
  };
}

describe('ChangeRequestTracker against the simulator', () => {
  let sim: Simulator;
  let mc: SimulatedManagementCluster;
  let host: Awaited<ReturnType<typeof startPullRequestHost>>;
  let store: ChangeRequestStore;
  let git: { revision: string; fetchedAt: number } | undefined;
  let skewMs = 0;
  let heldConditions: { name: string; conditions: Conditions } | undefined;
  let tracker: ChangeRequestTracker;
  const changed: string[][] = [];

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: [MC],
      timeScale: 10,
      patchSimulation: false,
    });
    mc = sim.get(MC);
    host = await startPullRequestHost();
    const knex = await databases.init('SQLITE_3');
    store = await ChangeRequestStore.create({
      database: { getClient: async () => knex },
    });
    tracker = ChangeRequestTracker.create({
      store,
      logger: mockServices.logger.mock(),
      live: liveOf(mc, name =>
        heldConditions?.name === name ? heldConditions.conditions : undefined,
      ),
      git: () => git,
      pullRequests: PullRequestStateReader.create({
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({
            integrations: {
              github: [
                { host: 'github.com', apiBaseUrl: host.apiBaseUrl, token: 't' },
              ],
            },
          }),
        ),
      }),
      pullRequestPollMs: 0,
      stuckAfterMs: 30 * MINUTE,
      onChange: ids => changed.push(ids),
      now: () => Date.now() + skewMs,
    });
  });

  afterAll(async () => {
    await host.close();
    await sim.stop();
  });

  async function stageOf(id: string) {
    return (await store.get(id.padStart(32, '0')))!.stage;
  }

  /** Passes until the request leaves `from`; returns the stage it reached. */
  async function passUntilLeaves(
    id: string,
    from: ChangeRequestStage,
  ): Promise<ChangeRequestStage> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      await tracker.pass();
      const stage = await stageOf(id);
      if (stage !== from) return stage;
      if (Date.now() > deadline) throw new Error(`still ${from}`);
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  async function createSettled(name: string) {
    mc.store.create(R.clusters, topologyCluster(name, 1));
    const live = liveOf(mc);
    const deadline = Date.now() + 60_000;
    while (
      live(`${MC}/${NAMESPACE}/${name}`).summary?.nodePools[0]
        ?.readyReplicas !== 1 ||
      live(`${MC}/${NAMESPACE}/${name}`).summary?.status !== 'Available'
    ) {
      if (Date.now() > deadline) throw new Error(`${name} did not settle`);
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  /** What the GitOps sync does: the Cluster's spec as Git has it. */
  function syncReplicas(name: string, replicas: number, paused = false) {
    const current = mc.store.get(R.clusters, NAMESPACE, name)!;
    (current.spec as any).topology.workers.machineDeployments[0].replicas =
      replicas;
    if (paused) (current.spec as any).paused = true;
    mc.store.update(R.clusters, current);
  }

  it('commit mode: requested → in-git → applied → rolling-out → done, each with its time', async () => {
    await createSettled('grow');
    git = { revision: 'old', fetchedAt: Date.now() - MINUTE };
    await store.add(submission('1', 'grow'));
    await tracker.pass();
    // The mirror has not read the branch since the push.
    expect(await stageOf('1')).toBe('requested');

    git = { revision: 'new', fetchedAt: Date.now() + 1 };
    expect(await passUntilLeaves('1', 'requested')).toBe('in-git');
    await tracker.pass();
    // Git holds the change; the management cluster does not yet.
    expect(await stageOf('1')).toBe('in-git');

    syncReplicas('grow', 3);
    expect(await passUntilLeaves('1', 'in-git')).toBe('applied');
    expect(await passUntilLeaves('1', 'applied')).toBe('rolling-out');
    expect(await passUntilLeaves('1', 'rolling-out')).toBe('done');

    const done = (await store.get('1'.padStart(32, '0')))!;
    expect(Object.keys(done.stages)).toEqual([
      'requested',
      'in-git',
      'applied',
      'rolling-out',
      'done',
    ]);
    const times = Object.values(done.stages).map(t => Date.parse(t!));
    expect([...times].sort()).toEqual(times);
    expect(changed.flat()).toContain(`${MC}/${NAMESPACE}/grow`);
    expect((await store.openOf([`${MC}/${NAMESPACE}/grow`])).length).toBe(0);
  });

  it('pull-request mode: requested → pr-open → merged → in-git, and a closed pull request ends the request', async () => {
    const url = 'https://github.com/acme/gitops/pull/7';
    host.states.set(7, { state: 'open', merged: false });
    git = { revision: 'r1', fetchedAt: Date.now() - MINUTE };
    await store.add(
      submission('2', 'grow', { mode: 'pull-request', pullRequestUrl: url }),
    );
    expect(await passUntilLeaves('2', 'requested')).toBe('pr-open');
    await tracker.pass();
    expect(await stageOf('2')).toBe('pr-open');

    host.states.set(7, { state: 'closed', merged: true });
    expect(await passUntilLeaves('2', 'pr-open')).toBe('merged');
    git = { revision: 'r2', fetchedAt: Date.now() + 1 };
    expect(await passUntilLeaves('2', 'merged')).toBe('in-git');

    host.states.set(8, { state: 'closed', merged: false });
    await store.add(
      submission('3', 'grow', {
        mode: 'pull-request',
        pullRequestUrl: 'https://github.com/acme/gitops/pull/8',
      }),
    );
    expect(await passUntilLeaves('3', 'requested')).toBe('closed');
    expect(await store.get('3'.padStart(32, '0'))).toMatchObject({
      reason:
        'The pull request was closed without merging, so nothing changes.',
    });
  });

  it('asks the Git host for one pull request at most once per poll interval', async () => {
    const slow = ChangeRequestTracker.create({
      store,
      logger: mockServices.logger.mock(),
      live: liveOf(mc),
      git: () => undefined,
      pullRequests: PullRequestStateReader.create({
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({
            integrations: {
              github: [
                { host: 'github.com', apiBaseUrl: host.apiBaseUrl, token: 't' },
              ],
            },
          }),
        ),
      }),
      pullRequestPollMs: 10 * MINUTE,
    });
    host.states.set(9, { state: 'open', merged: false });
    await store.add(
      submission('4', 'grow', {
        mode: 'pull-request',
        pullRequestUrl: 'https://github.com/acme/gitops/pull/9',
      }),
    );
    const before = host.calls();
    await slow.pass();
    await slow.pass();
    await slow.pass();
    expect(host.calls() - before).toBe(1);
    expect(await stageOf('4')).toBe('pr-open');
  });

  it('fails a rollout stuck longer than stuckAfter, saying what it waits for', async () => {
    await createSettled('stuck');
    git = { revision: 'r3', fetchedAt: Date.now() + 1 };
    await store.add(submission('5', 'stuck'));
    expect(await passUntilLeaves('5', 'requested')).toBe('in-git');
    syncReplicas('stuck', 3);
    expect(await passUntilLeaves('5', 'in-git')).toBe('applied');
    expect(await passUntilLeaves('5', 'applied')).toBe('rolling-out');
    // The controllers stop: the new machines never come up.
    syncReplicas('stuck', 3, true);
    await tracker.pass();
    expect(await stageOf('5')).toBe('rolling-out');

    skewMs = 31 * MINUTE;
    try {
      expect(await passUntilLeaves('5', 'rolling-out')).toBe('failed');
    } finally {
      skewMs = 0;
    }
    expect((await store.get('5'.padStart(32, '0')))!.reason).toMatch(
      /^No progress for 30 min while the machines roll out: .+\.$/,
    );
  });

  it('is not done while the Cluster still reads Scaling, though every machine is up to date (CAPI rolls pools up a reconcile later)', async () => {
    await createSettled('lag');
    const id = `${MC}/${NAMESPACE}/lag`;
    git = { revision: 'r4', fetchedAt: Date.now() + 1 };
    await store.add(submission('6', 'lag'));
    expect(await passUntilLeaves('6', 'requested')).toBe('in-git');
    // The Cluster's conditions as CAPI leaves them until its next
    // reconcile: still scaling up the pool.
    const settled = mc.store.get(R.clusters, NAMESPACE, 'lag')!;
    const conditions = (
      (settled.status as { conditions: Conditions }).conditions ?? []
    ).map(c =>
      c.type === 'ScalingUp'
        ? {
            ...c,
            status: 'True',
            reason: 'ScalingUp',
            message: 'Scaling up MachineDeployment md-0 from 1 to 3 replicas',
          }
        : c,
    );
    heldConditions = { name: 'lag', conditions };
    syncReplicas('lag', 3);
    expect(await passUntilLeaves('6', 'in-git')).toBe('applied');
    expect(await passUntilLeaves('6', 'applied')).toBe('rolling-out');

    const machinesDone = () => {
      const pool = liveOf(mc)(id).summary?.nodePools[0];
      return pool?.upToDateReplicas === 3 && pool.readyReplicas === 3;
    };
    const deadline = Date.now() + 60_000;
    while (!machinesDone()) {
      if (Date.now() > deadline) throw new Error('lag did not scale');
      await tracker.pass();
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    await tracker.pass();
    await tracker.pass();
    const live = liveOf(mc, () => conditions)(id).summary!;
    expect(live.status).toBe('Scaling');
    expect(live.nodePools[0]).toMatchObject({
      desiredReplicas: 3,
      upToDateReplicas: 3,
      readyReplicas: 3,
    });
    expect(await stageOf('6')).toBe('rolling-out');

    // The Cluster's next reconcile reads Available.
    heldConditions = undefined;
    expect(await passUntilLeaves('6', 'rolling-out')).toBe('done');
    expect(liveOf(mc)(id).summary?.status).toBe('Available');
  });
});
