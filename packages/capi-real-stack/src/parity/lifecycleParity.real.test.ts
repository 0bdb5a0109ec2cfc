import fs from 'node:fs';
import path from 'node:path';
import { startSimulator } from '@capstan/capi-simulator';
import type { Simulator } from '@capstan/capi-simulator';
import { KubeClient } from '../KubeClient';
import { RealCapiStack, repoRoot } from '../RealCapiStack';
import { startCapiBackend } from '../watch/__testUtils__/capiBackend';
import {
  createAll,
  inMemoryClusterClass,
  runStep,
  STEPS,
  type LifecycleTarget,
  type StepRecord,
} from './LifecycleScenario';
import { differencesOf, transitionDifferencesOf } from './ReadModelRecord';
import {
  KNOWN_SETTLED_DIFFERENCES,
  KNOWN_TRANSITION_DIFFERENCES,
} from './knownDifferences';

/**
 * One lifecycle (create a ClusterClass cluster with 1 control plane machine
 * and two pools, scale a pool, upgrade Kubernetes, delete) on the real Cluster
 * API v1.14 controllers (in-memory development provider) and on the
 * simulator, side by side, read through one capi-backend watching both. The
 * settled read model of every step is compared field by field.
 */
describe('lifecycle parity: real Cluster API controllers and the simulator, through capi-backend', () => {
  let stack: RealCapiStack;
  let sim: Simulator;
  let backend: Awaited<ReturnType<typeof startCapiBackend>>;
  let targets: LifecycleTarget[];
  const records: Record<string, StepRecord[]> = { real: [], simulator: [] };
  let skipped: string[][] = [];

  beforeAll(async () => {
    [stack, sim] = await Promise.all([
      RealCapiStack.start({ controllers: true }),
      startSimulator({
        managementClusters: ['simulator'],
        timeScale: 2,
        reconcile: true,
        patchSimulation: false,
        port: 0,
      }),
    ]);
    const simMc = sim.get('simulator');
    backend = await startCapiBackend([
      {
        name: 'real',
        url: stack.info.server,
        ca: fs.readFileSync(stack.info.caFile, 'utf8'),
        token: fs.readFileSync(stack.info.tokenFile, 'utf8').trim(),
      },
      {
        name: 'simulator',
        url: simMc.url,
        ca: simMc.caData,
        token: simMc.token,
      },
    ]);
    const read: LifecycleTarget['read'] = ref => backend.cluster(ref);
    targets = [
      { managementCluster: 'real', client: stack.client(), read },
      {
        managementCluster: 'simulator',
        client: new KubeClient({
          server: simMc.url,
          ca: simMc.caData,
          token: simMc.token,
        }),
        read,
      },
    ];
    const clusterClass = inMemoryClusterClass(stack.info.templates);
    skipped = await Promise.all(
      targets.map(t => createAll(t.client, clusterClass)),
    );
  }, 900_000);

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
    await stack?.stop();
  }, 180_000);

  it('runs create, scale, upgrade and delete on both, and the settled read models of every step match field by field', async () => {
    // Both serve every kind of upstream's class.
    expect(skipped).toEqual([[], []]);
    const differences: string[] = [];
    const transitions: string[] = [];
    for (const step of STEPS) {
      const [real, simulated] = await Promise.all(
        targets.map(t =>
          runStep(t, step, { timeoutMs: 600_000, quietMs: 10_000 }),
        ),
      );
      records.real.push(real);
      records.simulator.push(simulated);
      differences.push(
        ...differencesOf(
          step.step,
          { ...real.settled, settled: real.timedOut ? 'timed out' : 'yes' },
          {
            ...simulated.settled,
            settled: simulated.timedOut ? 'timed out' : 'yes',
          },
        ),
      );
      transitions.push(...transitionDifferencesOf(step.step, real, simulated));
    }
    // For a person reading a failure: what both showed, step by step.
    const report = path.join(repoRoot(), 'test-results', 'capi-parity.json');
    fs.mkdirSync(path.dirname(report), { recursive: true });
    fs.writeFileSync(
      report,
      `${JSON.stringify({ differences, transitions, records }, null, 2)}\n`,
    );
    expect(differences.sort()).toEqual(
      KNOWN_SETTLED_DIFFERENCES.map(d => d.difference).sort(),
    );
    // What the two showed while a step ran depends on timing (a fourth run
    // missed the real side's brief Scaling during create), so it is reported
    // in test-results/capi-parity.json, not asserted; the known ones are
    // listed in the simulator README.
    //
    // One thing holds whatever the timing: creating, scaling up and
    // upgrading are work in progress, never Degraded (machines not yet
    // available count as coming up, old machines leaving while the available
    // ones cover the wanted replicas as the rollout, roll-ups that lag as
    // CAPI catching up).
    const inProgress = STEPS.map(s => s.step).filter(s => s !== 'delete');
    for (const side of ['real', 'simulator'] as const) {
      expect({
        side,
        degraded: records[side]
          .filter(r => inProgress.includes(r.step))
          .flatMap(r => r.seen.map(t => `${r.step}: ${t}`))
          .filter(t => / Degraded /.test(t)),
      }).toEqual({ side, degraded: [] });
    }
  }, 2_700_000);

  it('the simulator README lists every known difference with its reason', () => {
    const readme = fs.readFileSync(
      path.join(repoRoot(), 'packages', 'capi-simulator', 'README.md'),
      'utf8',
    );
    const section = readme.slice(
      readme.indexOf('## Differences from real Cluster API'),
    );
    expect(section).toMatch(/^## Differences from real Cluster API/);
    for (const { difference } of [
      ...KNOWN_SETTLED_DIFFERENCES,
      ...KNOWN_TRANSITION_DIFFERENCES,
    ]) {
      expect(section).toContain(difference);
    }
  });
});
