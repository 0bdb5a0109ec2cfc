import type {
  ClusterSummary,
  ManifestClusterFields,
} from '@capstan/plugin-capi-common';
import type { FleetChangeListener } from '../services/FleetIndex';
import { DriftTracker } from './DriftTracker';
import type { GitClusterFolder } from './GitClusterManifests';

const GRACE = 60_000;

function liveSummary(
  name: string,
  pools: Array<{
    name: string;
    desiredReplicas?: number;
    autoscaling?: { min: number; max: number };
  }>,
  extra: Partial<ClusterSummary> = {},
): ClusterSummary {
  return {
    id: `mc-a/team-a/${name}`,
    managementCluster: 'mc-a',
    namespace: 'team-a',
    name,
    gitopsPath: `clusters/mc-a/team-a/${name}`,
    desiredVersion: 'v1.33.2',
    clusterClass: 'vsphere-standard',
    controlPlane: { desiredReplicas: 3 },
    nodePools: pools,
    owner: 'group:default/team-a',
    ...extra,
  } as unknown as ClusterSummary;
}

function gitFields(
  name: string,
  pools: ManifestClusterFields['nodePools'],
): ManifestClusterFields {
  return {
    name,
    labels: { 'capstan.dev/owner': 'team-a' },
    topology: true,
    clusterClass: 'vsphere-standard',
    kubernetesVersion: 'v1.33.2',
    controlPlaneReplicas: 3,
    nodePools: pools,
  };
}

const pool = (
  name: string,
  replicas?: number,
  autoscaling?: { min: number; max: number },
) => ({ name, objectName: name, replicas, autoscaling, labels: {} });

function setup(inFlight = new Set<string>()) {
  let now = 1_000_000;
  const summaries = new Map<string, ClusterSummary>();
  const folders = new Map<string, GitClusterFolder>();
  const listeners: FleetChangeListener[] = [];
  const index = {
    onChange: (listener: FleetChangeListener) => listeners.push(listener),
    getSummary: (id: string) => summaries.get(id),
    getAggregate: (id: string) => summaries.get(id) as any,
    clusterIds: () => summaries.keys(),
    has: (id: string) => summaries.has(id),
  };
  const manifests = {
    revision: 'abc' as string | undefined,
    folder: (path: string) => folders.get(path),
    folders: () => folders.values(),
    removedAt: () => undefined,
  };
  const tracker = new DriftTracker({
    index,
    manifests,
    gracePeriodMs: GRACE,
    syncedManagementClusters: () => ['mc-a'],
    changeInFlight: id => inFlight.has(id),
    now: () => now,
  });
  return {
    tracker,
    manifests,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
    setLive(summary: ClusterSummary) {
      summaries.set(summary.id, summary);
      listeners.forEach(l => l([summary.id], []));
    },
    setGit(name: string, fields: ManifestClusterFields, changedAt?: number) {
      const path = `clusters/mc-a/team-a/${name}`;
      folders.set(path, {
        path,
        managementCluster: 'mc-a',
        namespace: 'team-a',
        name,
        fields,
        changedAt,
        owner: 'group:default/team-a',
      });
      tracker.gitChanged();
    },
    driftOf: (name: string) =>
      tracker.driftOf(
        `mc-a/team-a/${name}`,
        summaries.get(`mc-a/team-a/${name}`),
      ),
  };
}

describe('DriftTracker', () => {
  it('says in-sync when every managed field is as Git has it', () => {
    const t = setup();
    t.setGit('a', gitFields('a', [pool('workers', 2)]));
    t.setLive(liveSummary('a', [{ name: 'workers', desiredReplicas: 2 }]));
    expect(t.driftOf('a')).toMatchObject({ state: 'in-sync', fields: [] });
  });

  it('says pending within the grace period, then drifted with each field and both values', () => {
    const t = setup();
    t.setGit('a', gitFields('a', [pool('workers', 2)]));
    t.setLive(
      liveSummary('a', [
        { name: 'workers', desiredReplicas: 5 },
        { name: 'extra', desiredReplicas: 1 },
      ]),
    );
    t.tracker.sweep();
    expect(t.driftOf('a')?.state).toBe('pending');
    t.advance(GRACE);
    expect(t.driftOf('a')).toMatchObject({
      state: 'drifted',
      fields: [
        { field: 'pools.workers.replicas', git: '2', live: '5' },
        { field: 'pools.extra', live: 'present' },
      ],
    });
    // Put back by hand: in sync at once.
    t.setLive(liveSummary('a', [{ name: 'workers', desiredReplicas: 2 }]));
    t.setGit('a', gitFields('a', [pool('workers', 2)]));
    expect(t.driftOf('a')?.state).toBe('in-sync');
  });

  it('names the management cluster once when a difference outlives the grace period', () => {
    const t = setup();
    t.setGit('a', gitFields('a', [pool('workers', 2)]));
    t.setLive(liveSummary('a', [{ name: 'workers', desiredReplicas: 5 }]));
    t.tracker.sweep();
    expect(t.tracker.changedByTime()).toEqual([]);
    t.advance(GRACE / 2);
    expect(t.tracker.changedByTime()).toEqual([]);
    t.advance(GRACE);
    expect(t.tracker.changedByTime()).toEqual(['mc-a']);
    t.advance(GRACE);
    expect(t.tracker.changedByTime()).toEqual([]);
  });

  it('keeps a difference pending while Git changed within the grace period (the change is in flight)', () => {
    const t = setup();
    t.setGit('a', gitFields('a', [pool('workers', 4)]));
    t.setLive(liveSummary('a', [{ name: 'workers', desiredReplicas: 2 }]));
    t.tracker.sweep();
    t.advance(2 * GRACE);
    expect(t.driftOf('a')?.state).toBe('drifted');
    // A new commit to the folder: the difference is old, but a change is in flight.
    t.setGit('a', gitFields('a', [pool('workers', 4)]), t.now());
    expect(t.driftOf('a')).toMatchObject({
      state: 'pending',
      reason: expect.stringMatching(/Git changed/),
    });
    t.advance(GRACE);
    expect(t.driftOf('a')?.state).toBe('drifted');
  });

  it('keeps a difference pending while a change request for the cluster is open', () => {
    const inFlight = new Set(['mc-a/team-a/a']);
    const t = setup(inFlight);
    t.setGit('a', gitFields('a', [pool('workers', 4)]));
    t.setLive(liveSummary('a', [{ name: 'workers', desiredReplicas: 2 }]));
    t.tracker.sweep();
    t.advance(10 * GRACE);
    expect(t.driftOf('a')?.state).toBe('pending');
    inFlight.clear();
    expect(t.driftOf('a')?.state).toBe('drifted');
  });

  it('compares the bounds of an autoscaled pool, not its replicas; version, control plane and ClusterClass too', () => {
    const t = setup();
    t.setGit(
      'a',
      gitFields('a', [pool('workers', undefined, { min: 1, max: 5 })]),
    );
    t.setLive(
      liveSummary(
        'a',
        [
          {
            name: 'workers',
            desiredReplicas: 4,
            autoscaling: { min: 1, max: 3 },
          },
        ],
        {
          desiredVersion: 'v1.32.6',
          controlPlane: {
            desiredReplicas: 1,
          } as ClusterSummary['controlPlane'],
          clusterClass: 'other',
        },
      ),
    );
    t.advance(GRACE);
    expect(t.driftOf('a')?.fields).toEqual([
      { field: 'kubernetesVersion', git: 'v1.33.2', live: 'v1.32.6' },
      { field: 'controlPlaneReplicas', git: '3', live: '1' },
      { field: 'clusterClass', git: 'vsphere-standard', live: 'other' },
      { field: 'pools.workers.autoscaling', git: '1–5', live: '1–3' },
    ]);
  });

  it('says unmanaged without a folder, missing for a folder with no live cluster, and counts the fleet by state', () => {
    const t = setup();
    t.setLive(liveSummary('handmade', []));
    t.setGit('ghost', gitFields('ghost', []));
    t.setGit('a', gitFields('a', [pool('workers', 2)]));
    t.setLive(liveSummary('a', [{ name: 'workers', desiredReplicas: 2 }]));
    expect(t.driftOf('handmade')?.state).toBe('unmanaged');
    const report = t.tracker.fleet({});
    expect(report.counts).toEqual({
      'in-sync': 1,
      pending: 0,
      drifted: 0,
      missing: 1,
      unmanaged: 1,
    });
    const missing = t.tracker.fleet({ state: ['missing'] });
    expect(missing.items).toEqual([
      expect.objectContaining({
        id: 'mc-a/team-a/ghost',
        // The same owner ref as a live cluster's, so the owner filter finds both.
        owner: 'group:default/team-a',
        drift: expect.objectContaining({ state: 'missing' }),
      }),
    ]);
  });

  it('tells nothing before Git has been read', () => {
    const t = setup();
    t.manifests.revision = undefined;
    t.setLive(liveSummary('a', []));
    expect(t.driftOf('a')).toBeUndefined();
    expect(t.tracker.fleet({}).total).toBe(0);
  });
});
