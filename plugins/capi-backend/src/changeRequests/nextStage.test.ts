import type { ClusterSummary } from '@capstan/plugin-capi-common';
import type { TrackedChangeRequest } from './ChangeRequestStore';
import { nextStage, type StageObservation } from './nextStage';

const inGitAt = '2026-11-30T10:00:00.000Z';
const now = Date.parse('2026-11-30T10:01:00.000Z');
const stuckAfterMs = 30 * 60_000;

const request = {
  id: 'cr-1',
  clusterId: 'aws-eu/clusters/shop',
  managementCluster: 'aws-eu',
  namespace: 'clusters',
  name: 'shop',
  kind: 'update-pool',
  mode: 'commit',
  desired: {
    present: true,
    pools: [{ name: 'md-0', replicas: 5 }],
  },
  requestedAt: '2026-11-30T09:59:00.000Z',
  stage: 'in-git',
  stageSince: inGitAt,
  stages: { requested: '2026-11-30T09:59:00.000Z', 'in-git': inGitAt },
} as unknown as TrackedChangeRequest;

/** A live cluster whose pool still runs 3 replicas (Git says 5). */
function observed(
  argocd?: NonNullable<ClusterSummary['drift']>['argocd'],
): StageObservation {
  const summary = {
    phase: 'Provisioned',
    rollingOut: false,
    nodePools: [
      {
        name: 'md-0',
        desiredReplicas: 3,
        replicas: 3,
        readyReplicas: 3,
        availableReplicas: 3,
        upToDateReplicas: 3,
        conditions: [],
      },
    ],
    ...(argocd ? { drift: { state: 'drifted', fields: [], argocd } } : {}),
  } as unknown as ClusterSummary;
  return { git: 'unmirrored', live: { summary, synced: true } };
}

const failedSync = {
  application: 'argocd/aws-eu-clusters-shop',
  syncStatus: 'OutOfSync',
  operationPhase: 'Failed',
  message: 'admission webhook denied the request',
  reason: 'sync failed: admission webhook denied the request',
};

describe('nextStage: a sync Argo CD refused', () => {
  it('fails an in-git request at once with the Application and its message, when the sync failed after the change reached Git', () => {
    const advance = nextStage(
      request,
      observed({ ...failedSync, finishedAt: '2026-11-30T10:00:30Z' }),
      now,
      stuckAfterMs,
    );
    expect(advance?.stages.map(s => s.stage)).toEqual(['failed']);
    expect(advance?.reason).toBe(
      'Argo CD could not apply the change (argocd/aws-eu-clusters-shop): sync failed: admission webhook denied the request',
    );
  });

  it('fails it for a sync that failed before the branch was read (Argo CD is often quicker than the mirror), once the change was recorded', () => {
    const advance = nextStage(
      request,
      observed({ ...failedSync, finishedAt: '2026-11-30T09:59:10Z' }),
      now,
      stuckAfterMs,
    );
    expect(advance?.stages.map(s => s.stage)).toEqual(['failed']);
  });

  it('fails it for a failed sync of the change’s own commit, however early', () => {
    const withCommit = {
      ...request,
      commitSha: 'c0ffee0',
    } as TrackedChangeRequest;
    const early = { ...failedSync, finishedAt: '2026-11-30T09:58:00Z' };
    expect(
      nextStage(
        withCommit,
        observed({ ...early, revision: 'c0ffee0' }),
        now,
        stuckAfterMs,
      )?.stages[0].stage,
    ).toBe('failed');
    expect(
      nextStage(
        withCommit,
        observed({ ...early, revision: 'beef123' }),
        now,
        stuckAfterMs,
      ),
    ).toBe(undefined);
  });

  it('for a pull request, ignores a failure from before the merge (another change to the folder)', () => {
    const merged = {
      ...request,
      mode: 'pull-request',
      stages: { ...request.stages, merged: '2026-11-30T09:59:50.000Z' },
    } as TrackedChangeRequest;
    const beforeMerge = { ...failedSync, finishedAt: '2026-11-30T09:59:30Z' };
    const afterMerge = { ...failedSync, finishedAt: '2026-11-30T09:59:55Z' };
    expect(nextStage(merged, observed(beforeMerge), now, stuckAfterMs)).toBe(
      undefined,
    );
    expect(
      nextStage(merged, observed(afterMerge), now, stuckAfterMs)?.stages[0]
        .stage,
    ).toBe('failed');
  });

  it('ignores a failure older than the change, and a sync still running or succeeded', () => {
    for (const argocd of [
      { ...failedSync, finishedAt: '2026-11-30T09:30:00Z' },
      { ...failedSync, finishedAt: undefined },
      { ...failedSync, operationPhase: 'Running', finishedAt: undefined },
      {
        application: 'argocd/aws-eu-clusters-shop',
        syncStatus: 'Synced',
        operationPhase: 'Succeeded',
        finishedAt: '2026-11-30T10:00:30Z',
      },
    ]) {
      expect(nextStage(request, observed(argocd), now, stuckAfterMs)).toBe(
        undefined,
      );
    }
  });

  it('without Argo CD, waits for the live spec until stuckAfter, then fails saying what it waited for', () => {
    expect(nextStage(request, observed(), now, stuckAfterMs)).toBe(undefined);
    const late = nextStage(
      request,
      observed(),
      Date.parse(inGitAt) + stuckAfterMs + 1,
      stuckAfterMs,
    );
    expect(late?.stages.map(s => s.stage)).toEqual(['failed']);
    expect(late?.reason).toMatch(/^Stuck in in-git for more than 30 min/);
  });
});

describe('nextStage: a refused sync of a cluster that is not live', () => {
  const create = {
    ...request,
    id: 'cr-2',
    kind: 'create',
    desired: { present: true, pools: [{ name: 'md-0', replicas: 2 }] },
  } as unknown as TrackedChangeRequest;
  const decommission = {
    ...request,
    id: 'cr-3',
    kind: 'decommission',
    desired: { present: false },
  } as unknown as TrackedChangeRequest;
  const refused = {
    ...failedSync,
    finishedAt: '2026-11-30T10:00:30Z',
  };

  it('fails a create at once when the Application of its folder reports the failed sync (the cluster never became live)', () => {
    const advance = nextStage(
      create,
      { git: 'unmirrored', live: { synced: true, argocd: refused } },
      now,
      stuckAfterMs,
    );
    expect(advance?.stages.map(s => s.stage)).toEqual(['failed']);
    expect(advance?.reason).toBe(
      'Argo CD could not apply the change (argocd/aws-eu-clusters-shop): sync failed: admission webhook denied the request',
    );
  });

  it('without a failed sync, a create waits for the cluster until stuckAfter', () => {
    const live = {
      synced: true,
      argocd: { ...refused, operationPhase: 'Running' },
    };
    expect(
      nextStage(create, { git: 'unmirrored', live }, now, stuckAfterMs),
    ).toBe(undefined);
    const late = nextStage(
      create,
      { git: 'unmirrored', live },
      Date.parse(inGitAt) + stuckAfterMs + 1,
      stuckAfterMs,
    );
    expect(late?.reason).toMatch(
      /^Stuck in in-git for more than 30 min: the cluster is not live yet/,
    );
  });

  it('fails a decommission whose deletion Argo CD could not sync, from the Application of the folder (the drift view has none once the folder left Git)', () => {
    const { summary } = observed().live;
    const advance = nextStage(
      decommission,
      { git: 'unmirrored', live: { summary, synced: true, argocd: refused } },
      now,
      stuckAfterMs,
    );
    expect(advance?.stages.map(s => s.stage)).toEqual(['failed']);
  });
});

describe('nextStage: a change stuck behind a failing cluster', () => {
  it("names the cluster's problem in readable words, not CAPI's bullets", () => {
    const { live } = observed();
    const summary = {
      ...live.summary,
      headline: {
        type: 'WorkersAvailable',
        status: 'False',
        reason: 'NotAvailable',
        message:
          '* MachineDeployment shop-md-0:\n' +
          '  * Machine shop-md-0-nlzkg: Node is reporting DiskPressure',
      },
    } as ClusterSummary;
    const late = nextStage(
      request,
      { git: 'unmirrored', live: { ...live, summary } },
      Date.parse(inGitAt) + stuckAfterMs + 1,
      stuckAfterMs,
    );
    expect(late?.reason).toMatch(/^Stuck in in-git for more than 30 min: /);
    expect(late?.reason).toContain(
      'MachineDeployment shop-md-0: Machine shop-md-0-nlzkg: Node is reporting DiskPressure',
    );
    expect(late?.reason).not.toMatch(/\*|\n/);
  });
});
