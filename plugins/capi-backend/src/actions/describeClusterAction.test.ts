import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsOver, clusterSummary } from '../__testUtils__/actionDoubles';

const failing = {
  type: 'RemoteConnectionProbe',
  status: 'False' as const,
  reason: 'ProbeFailed',
  message: 'dial tcp 10.0.0.1:6443: i/o timeout',
};
const degraded = clusterSummary('mc-a/team-checkout/payments-prod', {
  status: 'Degraded',
  headline: failing,
  conditions: [
    { type: 'Available', status: 'False', reason: 'NotAvailable' },
    failing,
  ],
  machines: [
    {
      name: 'payments-prod-md-0-a',
      namespace: 'team-checkout',
      pool: 'md-0',
      controlPlane: false,
      phase: 'Running',
      nodeName: 'node-a',
      patch: {
        state: 'overdue',
        rebootRequired: true,
        pendingSecurityUpdates: 3,
        dueBy: '2026-11-20T10:00:00Z',
      },
    },
  ],
});
const other = clusterSummary('mc-a/team-search/search-prod');
const member = mockCredentials.user('user:default/mia');

describe('capi:describe-cluster', () => {
  const { registry } = actionsOver([degraded, other], {
    readable: id => id === degraded.id,
    fleet: false,
  });

  it('says why the cluster is not healthy in plain words, with the condition behind it', async () => {
    const { output } = await registry.invoke({
      id: 'test:describe-cluster',
      input: { cluster: degraded.id },
      credentials: member,
    });
    const { cluster } = output as { cluster: Record<string, any> };
    expect(cluster).toMatchObject({
      id: degraded.id,
      status: 'Degraded',
      healthy: false,
      headline: {
        explanation:
          "The management cluster cannot reach the cluster's API server.",
        condition: {
          type: 'RemoteConnectionProbe',
          status: 'False',
          reason: 'ProbeFailed',
          message: 'dial tcp 10.0.0.1:6443: i/o timeout',
        },
      },
      versions: { desired: 'v1.33.4', running: ['v1.33.4'] },
      upgrade: { available: ['v1.34.1'] },
      nodePools: [expect.objectContaining({ name: 'md-0', replicas: 2 })],
      patch: {
        machinesNeedingAttention: [
          {
            machine: 'payments-prod-md-0-a',
            pool: 'md-0',
            node: 'node-a',
            state: 'overdue',
            rebootRequired: true,
            pendingSecurityUpdates: 3,
            dueBy: '2026-11-20T10:00:00Z',
          },
        ],
      },
    });
    expect(cluster.problems.map((p: any) => p.condition.type)).toEqual([
      'Available',
      'RemoteConnectionProbe',
    ]);
    expect(cluster.problems[1].whatToDo).toMatch(/API server/);
  });

  it('answers not found, the same as for an unknown cluster, for a cluster of another team', async () => {
    await expect(
      registry.invoke({
        id: 'test:describe-cluster',
        input: { cluster: other.id },
        credentials: member,
      }),
    ).rejects.toThrow(`Cluster ${other.id} not found, or no access to it`);
    await expect(
      registry.invoke({
        id: 'test:describe-cluster',
        input: { cluster: 'mc-a/team-search/nope' },
        credentials: member,
      }),
    ).rejects.toThrow(
      'Cluster mc-a/team-search/nope not found, or no access to it',
    );
  });

  it('refuses an id that is not managementCluster/namespace/name', async () => {
    for (const cluster of ['a/b', '../../etc/passwd', 'a/b/c/d', 'a /b/c']) {
      await expect(
        registry.invoke({
          id: 'test:describe-cluster',
          input: { cluster },
          credentials: member,
        }),
      ).rejects.toThrow();
    }
  });
});
