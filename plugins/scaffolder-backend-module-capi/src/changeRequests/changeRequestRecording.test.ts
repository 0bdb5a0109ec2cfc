import {
  emptyPatchSummary,
  type ChangeRequest,
  type ChangeRequestSubmission,
  type ClusterRef,
  type ClusterSummary,
} from '@capstan/plugin-capi-common';
import { createClusterRenderAction } from '../actions/clusterRender';
import { createClusterUpgradeAction } from '../actions/clusterUpgrade';
import { createGitopsPublishAction } from '../actions/gitopsPublish';
import { createNodePoolUpdateAction } from '../actions/nodepoolUpdate';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import type { ChangeRequests } from './ChangeRequestRecorder';

jest.setTimeout(60_000);

const cluster = 'onprem-fra/clusters/payments-prod';

/** The capi backend's side: one request per id, all of them open. */
function backendDouble(): ChangeRequests & {
  stored: Map<string, ChangeRequestSubmission>;
  posts: number;
} {
  const stored = new Map<string, ChangeRequestSubmission>();
  const double = {
    stored,
    posts: 0,
    async record(submission: ChangeRequestSubmission) {
      double.posts += 1;
      if (!stored.has(submission.id)) stored.set(submission.id, submission);
    },
    async openOf(ref: ClusterRef): Promise<ChangeRequest[]> {
      return [...stored.values()]
        .filter(s => s.name === ref.name && s.namespace === ref.namespace)
        .map(s => ({
          ...s,
          clusterId: `${s.managementCluster}/${s.namespace}/${s.name}`,
          requestedAt: '2026-11-30T12:00:00.000Z',
          stage: 'pr-open',
          stageSince: '2026-11-30T12:00:01.000Z',
          stages: {},
        }));
    },
    taskUrl: (taskId: string) =>
      `https://backstage.example.com/create/tasks/${taskId}`,
  };
  return double;
}

describe.each([
  ['commit', undefined],
  ['pull-request', 'github'],
] as const)('change requests (%s mode)', (mode, pullRequests) => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness({ pullRequests });
    await h.seedCluster(payments);
  });
  afterEach(() => h.close());

  it('a scale records one request with the desired values; a re-run of the step records no second one', async () => {
    const backend = backendDouble();
    const action = createNodePoolUpdateAction({
      ...h.options,
      changeRequests: backend,
    });
    const input = { cluster, name: 'general', replicas: 5 };
    const first = await h.run(action, input, { taskId: 'task-cr-1' });
    expect(backend.stored.size).toBe(1);
    const [request] = [...backend.stored.values()];
    expect(request).toMatchObject({
      managementCluster: 'onprem-fra',
      namespace: 'clusters',
      name: 'payments-prod',
      kind: 'update-pool',
      taskId: 'task-cr-1',
      taskUrl: 'https://backstage.example.com/create/tasks/task-cr-1',
      mode,
      commitSha: first.outputs.commitSha,
      desired: { present: true, version: expect.any(String) },
    });
    expect(request.pullRequestUrl).toBe(first.outputs.pullRequestUrl);
    expect(request.desired.pools).toContainEqual({
      name: 'general',
      replicas: 5,
      version: request.desired.version,
    });

    await h.run(action, input, { taskId: 'task-cr-1' });
    expect(backend.stored.size).toBe(1);
    expect(backend.posts).toBe(2);
  });

  it('publishing a new cluster records a create request with its pools', async () => {
    const backend = backendDouble();
    const options = { ...h.options, changeRequests: backend };
    const rendered = await h.run(
      createClusterRenderAction(options),
      { ...payments, name: 'payments-new' },
      { taskId: 'task-cr-new' },
    );
    const published = await h.run(
      createGitopsPublishAction(options),
      { sourcePath: rendered.outputs.path },
      { workspacePath: rendered.workspacePath, taskId: 'task-cr-new' },
    );
    expect([...backend.stored.values()]).toEqual([
      expect.objectContaining({
        kind: 'create',
        name: 'payments-new',
        commitSha: published.outputs.commitSha,
        desired: {
          present: true,
          version: 'v1.33.4',
          controlPlaneReplicas: 3,
          pools: [
            { name: 'general', replicas: 3, version: 'v1.33.4' },
            {
              name: 'batch',
              autoscaling: { min: 1, max: 6 },
              version: 'v1.33.4',
            },
          ],
        },
      }),
    ]);
  });

  it('a dry run records nothing', async () => {
    const backend = backendDouble();
    const action = createNodePoolUpdateAction({
      ...h.options,
      changeRequests: backend,
    });
    await h.run(
      action,
      { cluster, name: 'general', replicas: 5 },
      { taskId: 'task-cr-dry', dryRun: true },
    );
    expect(backend.posts).toBe(0);
  });

  it('refuses a second change of the same kind while one is in flight, naming it, unless confirmed', async () => {
    const backend = backendDouble();
    const options = { ...h.options, changeRequests: backend };
    const scale = createNodePoolUpdateAction(options);
    const first = await h.run(
      scale,
      { cluster, name: 'general', replicas: 5 },
      { taskId: 'task-cr-a' },
    );
    const name = first.outputs.pullRequestUrl ?? first.outputs.commitSha;
    await expect(
      h.run(
        scale,
        { cluster, name: 'general', replicas: 6 },
        { taskId: 'task-cr-b' },
      ),
    ).rejects.toThrow(
      new RegExp(
        `A node pool change of cluster payments-prod \\(namespace clusters, management cluster onprem-fra\\) is still in flight .*${name}.*Start even if a change of this kind is still in flight`,
      ),
    );
    expect(backend.stored.size).toBe(1);

    // Another kind of change is not held up.
    await h.run(
      createClusterUpgradeAction(options),
      { cluster, kubernetesVersion: 'v1.34.1' },
      { taskId: 'task-cr-c' },
    );
    expect(backend.stored.size).toBe(2);

    await h.run(
      scale,
      { cluster, name: 'general', replicas: 6, confirmConcurrentChange: true },
      { taskId: 'task-cr-d' },
    );
    expect(backend.stored.size).toBe(3);
  });
});

describe('change requests of a classic upgrade (commit mode)', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness({});
  });
  afterEach(() => h.close());

  it('a classic upgrade records the control plane step with the pools on their version, and the pools step with the new one (each request is done when its own step is)', async () => {
    await h.seedCluster({
      ...payments,
      profile: 'onprem-fra-classic',
      kubernetesVersion: 'v1.32.8',
      nodePools: [{ name: 'general', size: 'small', replicas: 2 }],
    });
    const classic = 'onprem-fra/clusters-classic/payments-prod';
    const controlPlaneStep = backendDouble();
    await h.run(
      createClusterUpgradeAction({
        ...h.options,
        changeRequests: controlPlaneStep,
      }),
      { cluster: classic, kubernetesVersion: 'v1.33.4' },
      { taskId: 'task-cr-cp' },
    );
    expect([...controlPlaneStep.stored.values()][0].desired).toEqual({
      present: true,
      version: 'v1.33.4',
      controlPlaneReplicas: 3,
      pools: [{ name: 'general', replicas: 2, version: 'v1.32.8' }],
    });

    // The control plane runs v1.33.4: the same version raises the pools.
    h.liveSummaries.set(classic, {
      stale: false,
      desiredVersion: 'v1.33.4',
      status: 'Available',
      controlPlane: {
        replicas: 3,
        readyReplicas: 3,
        availableReplicas: 3,
        upToDateReplicas: 3,
        initialized: true,
        available: true,
        versions: [{ version: 'v1.33.4', replicas: 3 }],
        patch: emptyPatchSummary(),
      },
      nodePools: [
        {
          name: 'general',
          version: 'v1.32.8',
          versions: [{ version: 'v1.32.8', replicas: 2 }],
          status: 'Available',
        },
      ] as ClusterSummary['nodePools'],
    });
    const poolsStep = backendDouble();
    await h.run(
      createClusterUpgradeAction({ ...h.options, changeRequests: poolsStep }),
      { cluster: classic, kubernetesVersion: 'v1.33.4' },
      { taskId: 'task-cr-pools' },
    );
    expect([...poolsStep.stored.values()][0].desired.pools).toEqual([
      { name: 'general', replicas: 2, version: 'v1.33.4' },
    ]);
  });
});
