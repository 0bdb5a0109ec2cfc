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
      'Argo CD could not apply the change (Application argocd/aws-eu-clusters-shop): sync failed: admission webhook denied the request.',
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
    expect(late?.reason).toBe(
      'No progress for 30 min while the change waits to be applied to the management cluster: node pool md-0 still asks for 3 machines, not 5.',
    );
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
      'Argo CD could not apply the change (Application argocd/aws-eu-clusters-shop): sync failed: admission webhook denied the request.',
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
      /^No progress for 30 min while the change waits to be applied to the management cluster: the cluster is not live yet\.$/,
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
    expect(late?.reason).toMatch(
      /^No progress for 30 min while the change waits to be applied to the management cluster: /,
    );
    expect(late?.reason).toContain(
      'MachineDeployment shop-md-0: Machine shop-md-0-nlzkg: Node is reporting DiskPressure',
    );
    expect(late?.reason).not.toMatch(/\*|\n/);
  });
});

describe('nextStage: failure reasons in words', () => {
  const late = Date.parse(inGitAt) + stuckAfterMs + 1;
  const at = (stage: string, mode = 'commit') =>
    ({
      ...request,
      mode,
      stage,
      stages: { ...request.stages, [stage]: inGitAt },
    } as unknown as TrackedChangeRequest);
  const rollingOut = (): StageObservation => {
    const { live } = observed();
    const summary = {
      ...live.summary,
      controlPlane: {
        desiredReplicas: 1,
        replicas: 1,
        readyReplicas: 1,
        upToDateReplicas: 1,
      },
      nodePools: [
        {
          ...live.summary!.nodePools[0],
          desiredReplicas: 5,
          replicas: 4,
          upToDateReplicas: 4,
          readyReplicas: 3,
        },
      ],
      stale: true,
      staleReason: 'watch failed 3 times',
    } as ClusterSummary;
    return { git: 'unmirrored', live: { summary, synced: true } };
  };

  it('says in words what each stage waited for, one sentence, no stage ids', () => {
    const noBranch: StageObservation = { ...observed(), git: undefined };
    const reasons = [
      nextStage(at('requested'), noBranch, late, stuckAfterMs),
      nextStage(at('requested', 'pull-request'), noBranch, late, stuckAfterMs),
      nextStage(at('merged', 'pull-request'), noBranch, late, stuckAfterMs),
      nextStage(at('in-git'), observed(), late, stuckAfterMs),
      nextStage(at('applied'), observed(), late, stuckAfterMs),
      nextStage(at('rolling-out'), rollingOut(), late, stuckAfterMs),
    ].map(advance => advance?.reason);
    expect(reasons).toEqual([
      'No progress for 30 min while the change is looked for on the GitOps branch: the GitOps branch has not been read since the push.',
      'No progress for 30 min while the pull request is looked for on the Git host.',
      'No progress for 30 min while the merged change is looked for on the GitOps branch: the GitOps branch has not been read since the merge.',
      'No progress for 30 min while the change waits to be applied to the management cluster: node pool md-0 still asks for 3 machines, not 5.',
      "No progress for 30 min while the management cluster's controllers take up the change: node pool md-0 still asks for 3 machines, not 5.",
      'No progress for 30 min while the machines roll out: node pool md-0 has 4 of 5 machines up to date and 3 ready (4 exist); its management cluster has not been heard from (watch failed 3 times).',
    ]);
    for (const reason of reasons) {
      expect(reason).not.toMatch(/in-git|rolling-out|pr-open|Stuck in/);
    }
  });

  it('never fails a pull request awaiting review by time', () => {
    expect(
      nextStage(at('pr-open', 'pull-request'), observed(), late, stuckAfterMs),
    ).toBe(undefined);
  });

  it('says why a pull request closed', () => {
    expect(
      nextStage(
        at('pr-open', 'pull-request'),
        { ...observed(), pullRequest: 'closed' },
        now,
        stuckAfterMs,
      ),
    ).toMatchObject({
      stages: [{ stage: 'closed' }],
      reason:
        'The pull request was closed without merging, so nothing changes.',
    });
  });

  it('does not fail on a pass before the cache read the management cluster (a backend that just started)', () => {
    const unsynced: StageObservation = {
      git: 'unmirrored',
      live: { synced: false },
    };
    for (const stage of ['in-git', 'applied', 'rolling-out']) {
      expect(nextStage(at(stage), unsynced, late, stuckAfterMs)).toBe(
        undefined,
      );
    }
  });

  it('counts from the last progress of the rollout, not from the start of the stage', () => {
    const recent = late - 5 * 60_000;
    expect(
      nextStage(at('rolling-out'), rollingOut(), late, stuckAfterMs, recent),
    ).toBe(undefined);
    expect(
      nextStage(
        at('rolling-out'),
        rollingOut(),
        recent + stuckAfterMs + 1,
        stuckAfterMs,
        recent,
      )?.stages[0].stage,
    ).toBe('failed');
  });
});
