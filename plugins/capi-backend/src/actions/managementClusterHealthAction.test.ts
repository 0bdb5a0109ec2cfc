import { mockCredentials } from '@backstage/backend-test-utils';
import {
  actionsOver,
  clusterSummary,
  HEALTH,
} from '../__testUtils__/actionDoubles';

describe('capi:management-cluster-health', () => {
  const clusters = [clusterSummary('mc-a/team-a/one')];

  it('lists the management clusters and their connection state', async () => {
    const { registry } = actionsOver(clusters, {
      readable: () => true,
      fleet: true,
    });
    const { output } = await registry.invoke({
      id: 'test:management-cluster-health',
      input: {},
      credentials: mockCredentials.user('user:default/guest'),
    });
    expect(output).toEqual({ items: HEALTH });
  });

  it('is refused without capi.fleet.read', async () => {
    const { registry } = actionsOver(clusters, {
      readable: () => true,
      fleet: false,
    });
    await expect(
      registry.invoke({
        id: 'test:management-cluster-health',
        input: {},
        credentials: mockCredentials.user('user:default/mia'),
      }),
    ).rejects.toThrow(/capi.fleet.read/);
  });

  it('is registered read-only and idempotent, like every capi action', async () => {
    const { registry } = actionsOver(clusters, {
      readable: () => true,
      fleet: true,
    });
    const { actions } = await registry.list();
    expect(actions.map(a => [a.id, a.attributes])).toEqual([
      [
        'test:list-clusters',
        { readOnly: true, idempotent: true, destructive: false },
      ],
      [
        'test:describe-cluster',
        { readOnly: true, idempotent: true, destructive: false },
      ],
      [
        'test:fleet-compliance',
        { readOnly: true, idempotent: true, destructive: false },
      ],
      [
        'test:management-cluster-health',
        { readOnly: true, idempotent: true, destructive: false },
      ],
    ]);
  });
});
