import { NotAllowedError } from '@backstage/errors';
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
import { credentialsOf } from '../__testUtils__/policyDouble';

type Harness = Awaited<ReturnType<typeof createActionHarness>>;
type Who = keyof typeof credentialsOf;

const cluster = 'onprem-fra/clusters/payments-prod';

/** Who may do what to team-payments' cluster (or create one for team-payments). */
const expected: Record<Who, 'allow' | 'deny'> = {
  owner: 'allow',
  other: 'deny',
  platform: 'allow',
  unauthenticated: 'deny',
  service: 'allow',
};

interface Case {
  id: string;
  permission: string;
  /** Runs the action as `who`; returns nothing, throws when refused. */
  run(h: Harness, who: Who, opts?: { dryRun?: boolean }): Promise<unknown>;
}

function day2Case(
  id: string,
  create: (o: CapiActionOptions) => TemplateAction<any, any, any>,
  input: JsonObject,
  permission = 'capi.cluster.update',
): Case {
  return {
    id,
    permission,
    run: (h, who, opts) =>
      h.run(create(h.options), input, {
        credentials: credentialsOf[who](),
        dryRun: opts?.dryRun,
      }),
  };
}

const cases: Case[] = [
  {
    id: 'capi:cluster:render',
    permission: 'capi.cluster.create',
    run: (h, who, opts) =>
      h.run(
        createClusterRenderAction(h.options),
        { ...payments, name: 'payments-new' },
        { credentials: credentialsOf[who](), dryRun: opts?.dryRun },
      ),
  },
  {
    id: 'capi:gitops:publish',
    permission: 'capi.cluster.create',
    // Rendered by a platform member in the same task; published as `who`.
    async run(h, who, opts) {
      const rendered = await h.run(createClusterRenderAction(h.options), {
        ...payments,
        name: 'payments-new',
      });
      return h.run(
        createGitopsPublishAction(h.options),
        { sourcePath: rendered.outputs.path },
        {
          workspacePath: rendered.workspacePath,
          credentials: credentialsOf[who](),
          dryRun: opts?.dryRun,
        },
      );
    },
  },
  day2Case('capi:nodepool:add', createNodePoolAddAction, {
    cluster,
    pool: { name: 'gpu', size: 'large', replicas: 1 },
  }),
  day2Case('capi:nodepool:update', createNodePoolUpdateAction, {
    cluster,
    name: 'general',
    replicas: 5,
  }),
  day2Case('capi:nodepool:remove', createNodePoolRemoveAction, {
    cluster,
    name: 'batch',
  }),
  day2Case('capi:cluster:upgrade', createClusterUpgradeAction, {
    cluster,
    kubernetesVersion: 'v1.34.1',
  }),
  day2Case(
    'capi:cluster:decommission',
    createClusterDecommissionAction,
    { cluster, confirm: 'payments-prod' },
    'capi.cluster.delete',
  ),
];

const table = cases.flatMap(c =>
  (Object.keys(expected) as Who[]).map(
    who => [c.id, who, expected[who], c] as const,
  ),
);

describe('every capi action authorises its initiator before it writes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createActionHarness();
    await h.seedCluster(payments);
  });
  afterEach(() => h.close());

  it.each(table)('%s as %s: %s', async (_id, who, outcome, c) => {
    const before = await allRefs(h.bare);
    const result = await c.run(h, who).then(
      () => undefined,
      (e: Error) => e,
    );
    const after = await allRefs(h.bare);
    // Allowed writes commit; every deny leaves every ref (commit, branch) as it was.
    expect({
      decision: result === undefined ? 'allow' : result.name,
      wroteToGit: JSON.stringify(after) !== JSON.stringify(before),
    }).toEqual({
      decision: outcome === 'allow' ? 'allow' : 'NotAllowedError',
      wroteToGit: outcome === 'allow' && c.id !== 'capi:cluster:render',
    });
    const clusterRef =
      c.id === 'capi:cluster:render' || c.id === 'capi:gitops:publish'
        ? 'onprem-fra/clusters/payments-new'
        : 'onprem-fra/clusters/payments-prod';
    const denial = `cluster ${clusterRef}: the ${c.permission} permission was denied`;
    // The denial names the cluster and the missing permission.
    expect(result?.message ?? denial).toContain(denial);
  });

  it.each(cases.map(c => [c.id, c] as const))(
    '%s refuses another team in a dry run too',
    async (_id, c) => {
      const before = await allRefs(h.bare);
      await expect(c.run(h, 'other', { dryRun: true })).rejects.toThrow(
        NotAllowedError,
      );
      expect(await allRefs(h.bare)).toEqual(before);
    },
  );

  it('decides day-2 changes by the owner recorded in Git, not by request input', async () => {
    // A request cannot claim another owner: day-2 inputs have no owner, and
    // a forged owner in a new cluster's input is what create is checked on.
    await expect(
      h.run(
        createClusterRenderAction(h.options),
        {
          ...payments,
          name: 'payments-new',
          owner: 'group:default/team-payments',
        },
        { credentials: credentialsOf.other() },
      ),
    ).rejects.toThrow(/for owner group:default\/team-payments/);
    const decommission = await h
      .run(
        createClusterDecommissionAction(h.options),
        {
          cluster,
          confirm: 'payments-prod',
          owner: 'group:default/team-billing',
        },
        { credentials: credentialsOf.other() },
      )
      .catch(e => e);
    expect(decommission).toBeInstanceOf(NotAllowedError);
  });
});
