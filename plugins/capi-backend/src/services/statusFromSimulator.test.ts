import {
  SIMULATED_RESOURCES as R,
  startSimulator,
  Simulator,
  SimulatedManagementCluster,
  KubeObject,
} from '@capstan/capi-simulator';
import type { ClusterSummary } from '@capstan/plugin-capi-common';
import {
  createClassicCluster,
  simulatedLive,
} from '../__testUtils__/simulatedLive';

// The simulator's reconciler runs at 100x: a machine takes ~0.1 s to come up.
jest.setTimeout(60_000);

const NAMESPACE = 'team-s';
const ALLOWED = ['v1.33.4', 'v1.34.1'];

function topologyCluster(name: string, pool: Record<string, unknown>) {
  return {
    metadata: { name, namespace: NAMESPACE },
    spec: {
      topology: {
        classRef: { name: 'vsphere-standard' },
        version: 'v1.33.4',
        controlPlane: { replicas: 1 },
        workers: { machineDeployments: [{ class: 'default-worker', ...pool }] },
      },
    },
  } as KubeObject;
}

/** The read model of one cluster, built from what the simulator stores now. */
function summaryOf(mc: SimulatedManagementCluster, name: string) {
  return simulatedLive(mc, NAMESPACE, { allowedVersions: ALLOWED })(
    `${mc.name}/${NAMESPACE}/${name}`,
  ).summary;
}

/** Samples the read model every few milliseconds until `done` holds; returns every sample. */
async function sampleUntil(
  mc: SimulatedManagementCluster,
  name: string,
  done: (s: ClusterSummary) => boolean,
): Promise<ClusterSummary[]> {
  const samples: ClusterSummary[] = [];
  const deadline = Date.now() + 45_000;
  // Done only counts once it was not: the reconciler may not have reacted yet.
  let wasNotDone = false;
  for (;;) {
    const s = summaryOf(mc, name);
    if (s) {
      samples.push(s);
      if (!done(s)) wasNotDone = true;
      else if (wasNotDone) return samples;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out; last status ${s?.status}, headline ${JSON.stringify(
          s?.headline,
        )}`,
      );
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}

const settled = (s: ClusterSummary) =>
  s.status === 'Available' &&
  s.nodePools.every(p => p.status === 'Available') &&
  s.machines.length > 0 &&
  s.machines.every(m => m.phase === 'Running');

describe('status of simulator rollouts, end to end', () => {
  let sim: Simulator;
  let mc: SimulatedManagementCluster;

  beforeAll(async () => {
    sim = await startSimulator({
      managementClusters: ['mc-status'],
      timeScale: 100,
      patchSimulation: false,
    });
    mc = sim.get('mc-status');
  });

  afterAll(() => sim.stop());

  it('shows a machine size change as RollingOut, never Degraded, with no upgrade offered until it is done', async () => {
    mc.store.create(
      R.clusters,
      topologyCluster('roll', {
        name: 'md-0',
        replicas: 2,
        variables: { overrides: [{ name: 'machineSize', value: 'small' }] },
      }),
    );
    await sampleUntil(mc, 'roll', settled);
    expect(summaryOf(mc, 'roll')!.upgrade?.available).toEqual(['v1.34.1']);

    // The scaffolder's size change: another value of the pool's machine size variable.
    const current = mc.store.get(R.clusters, NAMESPACE, 'roll')!;
    const topology = (current.spec as any).topology;
    topology.workers.machineDeployments[0].variables.overrides[0].value =
      'large';
    mc.store.update(R.clusters, current);

    const samples = await sampleUntil(mc, 'roll', s => {
      const md = s.nodePools[0];
      return settled(s) && md.upToDateReplicas === 2 && md.replicas === 2;
    });
    const statuses = new Set(samples.map(s => s.status));
    expect(statuses).toContain('RollingOut');
    expect(statuses).not.toContain('Degraded');
    expect(samples.flatMap(s => s.nodePools.map(p => p.status))).not.toContain(
      'Degraded',
    );
    const during = samples.find(s => s.status === 'RollingOut')!;
    // CAPI's own conditions say so too: RollingOut on the Cluster, a pool not up to date.
    expect(during.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'RollingOut', status: 'True' }),
        expect.objectContaining({
          type: 'WorkerMachinesUpToDate',
          status: 'False',
          reason: 'NotUpToDate',
        }),
      ]),
    );
    expect(during.headline).toMatchObject({ type: 'RollingOut' });
    expect(during.upgrade).toMatchObject({
      available: [],
      blockedReason: expect.stringContaining('node pool md-0'),
    });
  });

  it('shows a scale-up as Scaling, never Degraded, though CAPI reports the pool and WorkersAvailable not available meanwhile', async () => {
    mc.store.create(
      R.clusters,
      topologyCluster('grow', { name: 'md-0', replicas: 1 }),
    );
    await sampleUntil(mc, 'grow', settled);

    const current = mc.store.get(R.clusters, NAMESPACE, 'grow')!;
    (current.spec as any).topology.workers.machineDeployments[0].replicas = 3;
    mc.store.update(R.clusters, current);

    const samples = await sampleUntil(
      mc,
      'grow',
      s => settled(s) && s.nodePools[0].readyReplicas === 3,
    );
    const statuses = new Set(samples.map(s => s.status));
    expect(statuses).toContain('Scaling');
    expect(statuses).not.toContain('Degraded');
    const during = samples.find(s => s.status === 'Scaling')!;
    expect(during.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'WorkersAvailable', status: 'False' }),
      ]),
    );
    expect(during.nodePools[0].status).toBe('Scaling');
    expect(during.upgrade?.available).toEqual([]);
  });

  it('upgrades a classic cluster control plane first: no upgrade offered while it rolls out, then the pools step, then the next version', async () => {
    const name = 'classic';
    createClassicCluster(mc, {
      namespace: NAMESPACE,
      name,
      version: 'v1.33.4',
      pool: 'md-0',
      replicas: 2,
      infrastructure: 'VSphere',
    });
    await sampleUntil(mc, name, settled);
    expect(summaryOf(mc, name)!.upgrade?.available).toEqual(['v1.34.1']);

    // Step one, as the upgrade action writes it: only the KubeadmControlPlane.
    const kcp = mc.store.get(
      R.controlPlanes,
      NAMESPACE,
      `${name}-control-plane`,
    )!;
    (kcp.spec as any).version = 'v1.34.1';
    mc.store.update(R.controlPlanes, kcp);
    const cpRunsNew = (s: ClusterSummary) =>
      settled(s) &&
      s.machines
        .filter(m => m.controlPlane)
        .every(m => m.version === 'v1.34.1');
    const samples = await sampleUntil(mc, name, cpRunsNew);
    for (const during of samples.filter(s => !cpRunsNew(s))) {
      expect(during.upgrade?.available).toEqual([]);
      expect(during.upgrade?.blockedReason ?? '').not.toContain('md-0');
    }
    // The pools' step: the version the control plane runs, offered again.
    const poolsStep = summaryOf(mc, name)!;
    expect(poolsStep.status).not.toBe('Degraded');
    expect(poolsStep.upgrade?.available).toEqual(['v1.34.1']);

    const md = mc.store.get(R.machineDeployments, NAMESPACE, `${name}-md-0`)!;
    (md.spec as any).template.spec.version = 'v1.34.1';
    mc.store.update(R.machineDeployments, md);
    await sampleUntil(
      mc,
      name,
      s => settled(s) && s.machines.every(m => m.version === 'v1.34.1'),
    );
    expect(summaryOf(mc, name)!.upgrade).toMatchObject({
      available: [],
      blockedReason: expect.stringContaining('No newer version than v1.34.1'),
    });
  });
});
