import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsOver, clusterSummary } from '../__testUtils__/actionDoubles';

const overdueMachine = (name: string, dueBy: string) => ({
  name,
  namespace: 'ns',
  pool: 'md-0',
  controlPlane: false,
  phase: 'Running',
  patch: { state: 'overdue' as const, rebootRequired: false, dueBy },
});
const patch = (total: number, overdue: number) => ({
  total,
  upToDate: total - overdue,
  pending: 0,
  overdue,
  unknown: 0,
  rebootRequired: 0,
  compliance: (total - overdue) / total,
});
const a = clusterSummary('mc-a/team-checkout/payments', {
  machines: [overdueMachine('pay-1', '2026-11-21T00:00:00Z')],
  patch: patch(4, 1),
});
const b = clusterSummary('mc-a/team-search/search', {
  machines: [
    overdueMachine('search-1', '2026-11-20T00:00:00Z'),
    overdueMachine('search-2', '2026-11-22T00:00:00Z'),
  ],
  patch: patch(4, 2),
});
const platform = mockCredentials.user('user:default/guest');

describe('capi:fleet-compliance', () => {
  it('gives the fleet compliance and the overdue machines, most overdue first', async () => {
    const { registry } = actionsOver([a, b], {
      readable: () => true,
      fleet: true,
    });
    const { output } = await registry.invoke({
      id: 'test:fleet-compliance',
      input: {},
      credentials: platform,
    });
    expect(output).toMatchObject({
      scope: 'fleet',
      policy: { securityOverdueAfterHours: 48 },
      clusters: 2,
      compliance: 5 / 8,
      patch: { total: 8, overdue: 3 },
      overdue: [
        { cluster: b.id, owner: 'group:default/team-search' },
        { cluster: a.id, owner: 'group:default/team-checkout' },
      ],
      overdueTruncated: false,
    });
  });

  it('narrows to one owner', async () => {
    const { registry } = actionsOver([a, b], {
      readable: () => true,
      fleet: true,
    });
    const { output } = await registry.invoke({
      id: 'test:fleet-compliance',
      input: { owner: 'group:default/team-checkout' },
      credentials: platform,
    });
    expect(output).toMatchObject({
      scope: 'owner:group:default/team-checkout',
      clusters: 1,
      compliance: 3 / 4,
      overdue: [{ cluster: a.id, machines: [{ name: 'pay-1' }] }],
    });
  });

  it('is refused without capi.fleet.read, like GET /fleet', async () => {
    const { registry } = actionsOver([a, b], {
      readable: () => true,
      fleet: false,
    });
    await expect(
      registry.invoke({
        id: 'test:fleet-compliance',
        input: { owner: 'group:default/team-checkout' },
        credentials: mockCredentials.user('user:default/mia'),
      }),
    ).rejects.toThrow(/capi.fleet.read/);
  });
});
