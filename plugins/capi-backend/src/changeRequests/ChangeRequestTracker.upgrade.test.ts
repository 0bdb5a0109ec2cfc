import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  KubeObject,
  SIMULATED_RESOURCES as R,
  SimulatedManagementCluster,
  Simulator,
  startSimulator,
} from '@capstan/capi-simulator';
import type {
  ChangeRequestDesired,
  ClusterSummary,
} from '@capstan/plugin-capi-common';
import {
  createClassicCluster,
  simulatedLive,
} from '../__testUtils__/simulatedLive';
import { ChangeRequestStore } from './ChangeRequestStore';
import { ChangeRequestTracker } from './ChangeRequestTracker';
import type { LiveCluster } from './liveProgress';

jest.setTimeout(120_000);

const NAMESPACE = 'clusters';
const MC = 'mc-up';
const FROM = 'v1.33.4';
const TO = 'v1.34.1';
const MINUTE = 60_000;
const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

/** A classic cluster as the new-cluster template renders it (no topology). */
function createClassic(mc: SimulatedManagementCluster, name: string) {
  createClassicCluster(mc, {
    namespace: NAMESPACE,
    name,
    version: FROM,
    pool: 'general',
    replicas: 2,
    infrastructure: 'AWS',
  });
}

function createTopology(mc: SimulatedManagementCluster, name: string) {
  mc.store.create(R.clusters, {
    metadata: { name, namespace: NAMESPACE },
    spec: {
      topology: {
        classRef: { name: 'vsphere-standard' },
        version: FROM,
        controlPlane: { replicas: 1 },
        workers: {
          machineDeployments: [
            { class: 'default-worker', name: 'md-0', replicas: 2 },
          ],
        },
      },
    },
  } as KubeObject);
}

/** What the GitOps sync applies: one object's spec changed as Git has it. */
function applyToSpec(
  mc: SimulatedManagementCluster,
  resource: string,
  name: string,
  edit: (spec: any) => void,
) {
  const current = mc.store.get(resource, NAMESPACE, name)!;
  edit(current.spec);
  mc.store.update(resource, current);
}

describe('ChangeRequestTracker: Kubernetes upgrades against the simulator', () => {
  let sim: Simulator;
  let mc: SimulatedManagementCluster;
  let store: ChangeRequestStore;
  let tracker: ChangeRequestTracker;
  let live: (clusterId: string) => LiveCluster;

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: [MC],
      timeScale: 10,
      patchSimulation: false,
    });
    mc = sim.get(MC);
    const knex = await databases.init('SQLITE_3');
    store = await ChangeRequestStore.create({
      database: { getClient: async () => knex },
    });
    live = simulatedLive(mc, NAMESPACE);
    tracker = ChangeRequestTracker.create({
      store,
      logger: mockServices.logger.mock(),
      live,
      git: () => 'unmirrored',
      stuckAfterMs: 30 * MINUTE,
    });
  });

  afterAll(async () => {
    await sim.stop();
  });

  const idOf = (name: string) => `${MC}/${NAMESPACE}/${name}`;
  const summaryOf = (name: string) => live(idOf(name)).summary;

  async function until(
    what: string,
    test: (s: ClusterSummary | undefined) => boolean,
    name: string,
  ) {
    const deadline = Date.now() + 90_000;
    while (!test(summaryOf(name))) {
      if (Date.now() > deadline) throw new Error(`${name}: ${what}`);
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  /** Records an upgrade request and passes until it ends; returns it. */
  async function followUpgrade(
    id: string,
    name: string,
    desired: ChangeRequestDesired,
    apply: () => void,
  ) {
    const requestId = id.padStart(32, '0');
    await store.add({
      id: requestId,
      managementCluster: MC,
      namespace: NAMESPACE,
      name,
      kind: 'upgrade',
      taskId: `task-${id}`,
      mode: 'commit',
      desired,
    });
    apply();
    const deadline = Date.now() + 90_000;
    for (;;) {
      await tracker.pass();
      const request = (await store.get(requestId))!;
      if (request.stage === 'done' || request.stage === 'failed') {
        return request;
      }
      if (Date.now() > deadline) {
        throw new Error(`${name}: still ${request.stage}`);
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  const poolVersions = (s: ClusterSummary | undefined) =>
    s?.nodePools.flatMap(p => (p.versions ?? []).map(v => v.version));

  it('a classic cluster: the control plane step is done with the pools still on their version, the pools step with every machine on the new one', async () => {
    createClassic(mc, 'classic');
    await until(
      'did not settle',
      s => s?.status === 'Available' && s.nodePools[0]?.readyReplicas === 2,
      'classic',
    );
    const controlPlaneStep = await followUpgrade(
      '1',
      'classic',
      {
        present: true,
        version: TO,
        controlPlaneReplicas: 1,
        pools: [{ name: 'general', replicas: 2, version: FROM }],
      },
      () =>
        applyToSpec(mc, R.controlPlanes, 'classic-control-plane', spec => {
          spec.version = TO;
          spec.machineTemplate.spec.infrastructureRef.name = 'classic-cp-b';
        }),
    );
    expect(controlPlaneStep).toMatchObject({ stage: 'done' });
    expect(Object.keys(controlPlaneStep.stages)).toEqual([
      'requested',
      'in-git',
      'applied',
      'rolling-out',
      'done',
    ]);
    expect(summaryOf('classic')?.controlPlane.versions).toEqual([
      { version: TO, replicas: 1 },
    ]);
    expect(poolVersions(summaryOf('classic'))).toEqual([FROM]);

    const poolsStep = await followUpgrade(
      '2',
      'classic',
      {
        present: true,
        version: TO,
        controlPlaneReplicas: 1,
        pools: [{ name: 'general', replicas: 2, version: TO }],
      },
      () =>
        applyToSpec(mc, R.machineDeployments, 'classic-general', spec => {
          spec.template.spec.version = TO;
          spec.template.spec.infrastructureRef.name = 'classic-general-b';
        }),
    );
    expect(poolsStep).toMatchObject({ stage: 'done' });
    const after = summaryOf('classic')!;
    expect(after.runningVersions).toEqual([TO]);
    expect(after.nodePools[0]).toMatchObject({
      name: 'general',
      version: TO,
      upToDateReplicas: 2,
      readyReplicas: 2,
    });
  });

  it('a topology cluster: one request, done once the control plane and every pool run the new version', async () => {
    createTopology(mc, 'topo');
    await until(
      'did not settle',
      s => s?.status === 'Available' && s.nodePools[0]?.readyReplicas === 2,
      'topo',
    );
    const request = await followUpgrade(
      '3',
      'topo',
      {
        present: true,
        version: TO,
        controlPlaneReplicas: 1,
        pools: [{ name: 'md-0', replicas: 2, version: TO }],
      },
      () =>
        applyToSpec(mc, R.clusters, 'topo', spec => {
          spec.topology.version = TO;
        }),
    );
    expect(request).toMatchObject({ stage: 'done' });
    const after = summaryOf('topo')!;
    expect(after.runningVersions).toEqual([TO]);
    expect(after.controlPlane.versions).toEqual([{ version: TO, replicas: 1 }]);
    expect(poolVersions(after)).toEqual([TO]);
  });
});
