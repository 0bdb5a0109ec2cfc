/*
 * Capstan through MCP, as an AI assistant uses it: the MCP TypeScript SDK's
 * client, over the streamable HTTP transport, against the running demo's
 * MCP server (@backstage/plugin-mcp-actions-backend at /api/mcp-actions/v1).
 * Each call is made as the user whose Backstage token the client sends: the
 * guest (platform team) or Mia (a plain member of team-checkout).
 */
import { test, expect, APIRequestContext } from '@playwright/test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { BACKEND, waitForBackend } from './signIn';

const MCP_URL = new URL(`${BACKEND}/api/mcp-actions/v1`);

type ToolResult = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
};

/** A Backstage user token from one of the demo's sign-in providers. */
async function tokenOf(
  request: APIRequestContext,
  provider: 'guest' | 'demo-member',
): Promise<string> {
  const res = await request.get(`${BACKEND}/api/auth/${provider}/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

async function connect(token?: string): Promise<Client> {
  const client = new Client({ name: 'capstan-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(MCP_URL, {
    requestInit: token
      ? { headers: { Authorization: `Bearer ${token}` } }
      : undefined,
  });
  await client.connect(transport);
  return client;
}

async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args })) as ToolResult;
}

/** The tool's output; fails the test with the tool's message when it refused. */
function outputOf<T>(result: ToolResult): T {
  expect(result.isError, result.content[0]?.text).toBeFalsy();
  return (result.structuredContent ?? JSON.parse(result.content[0].text!)) as T;
}

type ClusterItem = { id: string; name: string; owner?: string };
type Described = {
  cluster: {
    id: string;
    status: string;
    healthy: boolean;
    problems: Array<{ explanation: string; condition: { type: string } }>;
    nodePools: Array<{ name: string; replicas: number }>;
    versions: { running: string[] };
    upgrade: { available: string[] };
    patch: { total: number };
  };
};

test('an MCP client lists the Capstan tools, reads clusters and the fleet as the calling user, sees the impact of a change in a dry run, and is refused what the user may not see', async ({
  request,
}) => {
  await waitForBackend(request);
  const platform = await connect(await tokenOf(request, 'guest'));
  const mia = await connect(await tokenOf(request, 'demo-member'));
  let anyCluster = '';
  try {
    // The tools, with the MCP hints the actions registry's attributes give.
    const { tools } = await platform.listTools();
    const byName = new Map(tools.map(t => [t.name, t]));
    for (const name of [
      'capi.list-clusters',
      'capi.describe-cluster',
      'capi.fleet-compliance',
      'capi.management-cluster-health',
    ]) {
      expect(byName.get(name)?.annotations, name).toMatchObject({
        readOnlyHint: true,
      });
    }
    for (const name of [
      'scaffolder.capi-scale-node-pool',
      'scaffolder.capi-upgrade-kubernetes',
      'scaffolder.capi-add-node-pool',
    ]) {
      expect(byName.get(name)?.annotations, name).toMatchObject({
        destructiveHint: true,
      });
    }

    // The seeded clusters come from the simulator once it has synced them.
    let health: Array<{ name: string; state: string; clusterCount: number }> =
      [];
    await expect
      .poll(
        async () => {
          health = outputOf<{ items: typeof health }>(
            await call(platform, 'capi.management-cluster-health', {}),
          ).items;
          return health.reduce((n, h) => n + h.clusterCount, 0);
        },
        { timeout: 240_000, intervals: [2_000] },
      )
      .toBeGreaterThan(0);
    expect(health.map(h => h.state)).toContain('synced');
    let payments: ClusterItem[] = [];
    // Received, on failure: the last answer, to tell a refusal from an empty list.
    await expect
      .poll(
        async () => {
          const result = await call(platform, 'capi.list-clusters', {
            owner: 'group:default/team-payments',
          });
          if (result.isError) return result.content[0]?.text;
          payments = outputOf<{ items: ClusterItem[] }>(result).items;
          return payments.length > 0
            ? 'found'
            : `none (fleet: ${JSON.stringify(health)})`;
        },
        { timeout: 120_000, intervals: [2_000] },
      )
      .toBe('found');
    anyCluster = payments[0].id;
    const byEntity = outputOf<{ items: ClusterItem[] }>(
      await call(platform, 'capi.list-clusters', {
        entityRef: 'component:default/payments-api',
      }),
    ).items;
    expect(byEntity.length).toBeGreaterThan(0);

    const described = outputOf<Described>(
      await call(platform, 'capi.describe-cluster', {
        cluster: payments[0].id,
      }),
    ).cluster;
    expect(described.id).toBe(payments[0].id);
    expect(described.nodePools.length).toBeGreaterThan(0);
    expect(described.versions.running.length).toBeGreaterThan(0);
    for (const problem of described.problems) {
      expect(problem.explanation.length).toBeGreaterThan(0);
      expect(problem.condition.type.length).toBeGreaterThan(0);
    }

    const compliance = outputOf<{ scope: string; patch: { total: number } }>(
      await call(platform, 'capi.fleet-compliance', {}),
    );
    expect(compliance.scope).toBe('fleet');
    expect(compliance.patch.total).toBeGreaterThan(0);
    const teamCompliance = outputOf<{ scope: string }>(
      await call(platform, 'capi.fleet-compliance', {
        owner: 'group:default/team-payments',
      }),
    );
    expect(teamCompliance.scope).toBe('owner:group:default/team-payments');

    // Mia's own clusters, and a change in dry run: the impact, nothing written.
    const mine = outputOf<{ items: ClusterItem[] }>(
      await call(mia, 'capi.list-clusters', {
        owner: 'group:default/team-checkout',
      }),
    ).items;
    expect(mine.length).toBeGreaterThan(0);
    const own = outputOf<Described>(
      await call(mia, 'capi.describe-cluster', { cluster: mine[0].id }),
    ).cluster;
    const pool = own.nodePools[0];
    const dryRun = outputOf<{ dryRun: boolean; summary: string }>(
      await call(mia, 'scaffolder.capi-scale-node-pool', {
        cluster: mine[0].id,
        pool: pool.name,
        replicas: pool.replicas + 1,
      }),
    );
    expect(dryRun.dryRun).toBe(true);
    expect(dryRun.summary).toContain(`node pool ${pool.name}`);

    // What Mia may not see: another team's cluster, the fleet, another team's change.
    const refusedDescribe = await call(mia, 'capi.describe-cluster', {
      cluster: payments[0].id,
    });
    expect(refusedDescribe.isError).toBe(true);
    expect(refusedDescribe.content[0].text).toBe(
      `NotFoundError: Cluster ${payments[0].id} not found, or no access to it`,
    );
    expect(
      outputOf<{ items: ClusterItem[] }>(
        await call(mia, 'capi.list-clusters', {
          owner: 'group:default/team-payments',
        }),
      ).items,
    ).toEqual([]);
    const refusedFleet = await call(mia, 'capi.fleet-compliance', {});
    expect(refusedFleet.isError).toBe(true);
    expect(refusedFleet.content[0].text).toMatch(/^NotAllowedError: /);
    const refusedChange = await call(mia, 'scaffolder.capi-scale-node-pool', {
      cluster: payments[0].id,
      pool: described.nodePools[0].name,
      replicas: described.nodePools[0].replicas + 1,
    });
    expect(refusedChange.isError).toBe(true);
    expect(refusedChange.content[0].text).toMatch(/^NotAllowedError: /);
  } finally {
    await platform.close();
    await mia.close();
  }

  // Without credentials nothing is answered.
  const anonymous = await connect().catch(() => undefined);
  if (anonymous) {
    const result = await call(anonymous, 'capi.describe-cluster', {
      cluster: anyCluster,
    }).catch(() => ({ isError: true, content: [] } as ToolResult));
    await anonymous.close();
    expect(result.isError).toBe(true);
  }
});
