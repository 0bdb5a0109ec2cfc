import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import { createClusterDecommissionAction } from '../actions/clusterDecommission';
import { createClusterRenderAction } from '../actions/clusterRender';
import { createClusterUpgradeAction } from '../actions/clusterUpgrade';
import { createGitopsPublishAction } from '../actions/gitopsPublish';
import { createNodePoolAddAction } from '../actions/nodepoolAdd';
import { createNodePoolRemoveAction } from '../actions/nodepoolRemove';
import { createNodePoolUpdateAction } from '../actions/nodepoolUpdate';
import type { CapiActionOptions } from '../options';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { allRefs } from '../__testUtils__/gitFixtures';

type Harness = Awaited<ReturnType<typeof createActionHarness>>;

const cluster = 'onprem-fra/clusters/payments-prod';

/** Each publishing action with an input that changes the seeded cluster. */
const day2: Array<
  [string, (o: CapiActionOptions) => TemplateAction<any, any, any>, JsonObject]
> = [
  [
    'capi:nodepool:add',
    createNodePoolAddAction,
    { cluster, pool: { name: 'gpu', size: 'large', replicas: 1 } },
  ],
  [
    'capi:nodepool:update',
    createNodePoolUpdateAction,
    { cluster, name: 'general', replicas: 5 },
  ],
  [
    'capi:nodepool:remove',
    createNodePoolRemoveAction,
    { cluster, name: 'batch' },
  ],
  [
    'capi:cluster:upgrade',
    createClusterUpgradeAction,
    { cluster, kubernetesVersion: 'v1.34.1' },
  ],
  [
    'capi:cluster:decommission',
    createClusterDecommissionAction,
    { cluster, confirm: 'payments-prod' },
  ],
];

const modes = [
  ['commit', undefined],
  ['pull-request on GitHub', 'github'],
  ['merge-request on GitLab', 'gitlab'],
] as const;

describe.each(modes)(
  'a re-run step publishes nothing new (%s mode)',
  (_, pullRequests) => {
    let h: Harness;
    beforeEach(async () => {
      h = await createActionHarness({ pullRequests });
    });
    afterEach(() => h.close());

    it.each(day2)(
      '%s: the second run ends with the same commit, no new commit, branch or pull request',
      async (_id, create, input) => {
        await h.seedCluster(payments);
        const action = create(h.options);
        const first = await h.run(action, input, { taskId: 'task-rerun-1' });
        expect(first.outputs.commitSha).toMatch(/^[0-9a-f]{40}$/);
        const refs = await allRefs(h.bare);
        const opened = h.host?.opened() ?? [];
        expect(opened).toHaveLength(pullRequests ? 1 : 0);

        // Task recovery without a stored checkpoint: the step runs again.
        const again = await h.run(action, input, { taskId: 'task-rerun-1' });
        expect(again.outputs).toEqual(first.outputs);
        expect(again.logs.join('\n')).toContain(
          'Already published by an earlier run of this step',
        );
        expect(await allRefs(h.bare)).toEqual(refs);
        expect(h.host?.opened() ?? []).toEqual(opened);
      },
    );

    it('capi:gitops:publish: the second run ends with the same commit and no second pull request', async () => {
      const rendered = await h.run(
        createClusterRenderAction(h.options),
        payments,
        {
          taskId: 'task-rerun-2',
        },
      );
      const publish = createGitopsPublishAction(h.options);
      const input = { sourcePath: rendered.outputs.path };
      const opts = {
        workspacePath: rendered.workspacePath,
        taskId: 'task-rerun-2',
      };
      const first = await h.run(publish, input, opts);
      expect(first.outputs.changed).toBe(true);
      const refs = await allRefs(h.bare);
      const opened = h.host?.opened() ?? [];

      const again = await h.run(publish, input, opts);
      expect(again.outputs).toEqual(first.outputs);
      expect(await allRefs(h.bare)).toEqual(refs);
      expect(h.host?.opened() ?? []).toEqual(opened);
    });
  },
);

describe('a re-run step after later commits by others', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  it('finds its own commit below newer ones and does not fail with "already has a node pool"', async () => {
    await h.seedCluster(payments);
    const action = createNodePoolAddAction(h.options);
    const input = {
      cluster,
      pool: { name: 'gpu', size: 'large', replicas: 1 },
    };
    const first = await h.run(action, input, { taskId: 'task-rerun-3' });
    await h.editRepoFile('README.md', text => `${text}\nedited later\n`);
    const refs = await allRefs(h.bare);
    const again = await h.run(action, input, { taskId: 'task-rerun-3' });
    expect(again.outputs.commitSha).toBe(first.outputs.commitSha);
    expect(again.outputs.impact).toEqual(first.outputs.impact);
    expect(await allRefs(h.bare)).toEqual(refs);
  });

  it('capi:cluster:render re-runs after its publish step pushed: same folder, no "already exists"', async () => {
    const render = createClusterRenderAction(h.options);
    // Task recovery keeps the step's checkpoints (its catalog id among them).
    const opts = { taskId: 'task-rerun-7', keepCheckpoints: true };
    const first = await h.run(render, payments, opts);
    await h.run(
      createGitopsPublishAction(h.options),
      { sourcePath: first.outputs.path },
      { ...opts, workspacePath: first.workspacePath },
    );
    const refs = await allRefs(h.bare);
    const again = await h.run(render, payments, opts);
    expect(again.outputs).toEqual(first.outputs);
    expect(await allRefs(h.bare)).toEqual(refs);
    // Another task asking for the same cluster is refused.
    await expect(
      h.run(render, payments, { taskId: 'task-rerun-8' }),
    ).rejects.toThrow(/already exists in onprem-fra\/clusters/);
  });

  it('returns the stored checkpoint when the task kept it', async () => {
    await h.seedCluster(payments);
    const action = createNodePoolRemoveAction(h.options);
    const input = { cluster, name: 'batch' };
    const opts = { taskId: 'task-rerun-4', keepCheckpoints: true };
    const first = await h.run(action, input, opts);
    const refs = await allRefs(h.bare);
    const again = await h.run(action, input, opts);
    expect(again.outputs).toEqual(first.outputs);
    expect(await allRefs(h.bare)).toEqual(refs);
  });

  it('another task with the same input is a new change, not a re-run', async () => {
    await h.seedCluster(payments);
    const action = createNodePoolAddAction(h.options);
    const input = {
      cluster,
      pool: { name: 'gpu', size: 'large', replicas: 1 },
    };
    await h.run(action, input, { taskId: 'task-rerun-5' });
    await expect(
      h.run(action, input, { taskId: 'task-rerun-6' }),
    ).rejects.toThrow(/already has a node pool "gpu"/);
  });
});
