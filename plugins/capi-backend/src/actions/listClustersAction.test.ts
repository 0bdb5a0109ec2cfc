import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsOver, clusterSummary } from '../__testUtils__/actionDoubles';

const mine = clusterSummary('mc-a/team-checkout/payments-prod');
const theirs = clusterSummary('mc-a/team-search/search-prod', {
  entityRefs: ['component:default/payments-api'],
});
const member = mockCredentials.user('user:default/mia');

describe('capi:list-clusters', () => {
  const { registry } = actionsOver([mine, theirs], {
    readable: id => id === mine.id,
    fleet: false,
    entityClusters: {
      'component:default/payments-api': [mine.id, theirs.id],
    },
  });

  it('lists the clusters of an entity that the caller may read, and only those', async () => {
    const { output } = await registry.invoke({
      id: 'test:list-clusters',
      input: { entityRef: 'component:default/payments-api' },
      credentials: member,
    });
    expect(output).toEqual({
      items: [
        expect.objectContaining({
          id: mine.id,
          status: 'Available',
          kubernetesVersion: 'v1.33.4',
          owner: 'group:default/team-checkout',
        }),
      ],
      staleManagementClusters: [],
    });
  });

  it('lists the clusters of an owner, whatever case or short form the owner is given in', async () => {
    const { output } = await registry.invoke({
      id: 'test:list-clusters',
      input: { owner: 'Team-Checkout' },
      credentials: member,
    });
    expect((output as { items: Array<{ id: string }> }).items).toEqual([
      expect.objectContaining({ id: mine.id }),
    ]);
  });

  it('lists nothing of another team that the caller may not read', async () => {
    const { output } = await registry.invoke({
      id: 'test:list-clusters',
      input: { owner: 'group:default/team-search' },
      credentials: member,
    });
    expect(output).toEqual({ items: [], staleManagementClusters: [] });
  });

  it('refuses neither or both of entityRef and owner, and hostile refs', async () => {
    await expect(
      registry.invoke({
        id: 'test:list-clusters',
        input: {},
        credentials: member,
      }),
    ).rejects.toThrow(/exactly one of entityRef or owner/);
    await expect(
      registry.invoke({
        id: 'test:list-clusters',
        input: { entityRef: 'component:default/x', owner: 'team-a' },
        credentials: member,
      }),
    ).rejects.toThrow(/exactly one/);
    await expect(
      registry.invoke({
        id: 'test:list-clusters',
        input: { owner: 'group:a:b/c/d' },
        credentials: member,
      }),
    ).rejects.toThrow(/not an owner reference/);
    await expect(
      registry.invoke({
        id: 'test:list-clusters',
        input: { entityRef: 'x'.repeat(2000) },
        credentials: member,
      }),
    ).rejects.toThrow();
  });

  it('answers not found for an entity the caller cannot see', async () => {
    await expect(
      registry.invoke({
        id: 'test:list-clusters',
        input: { entityRef: 'component:default/secret' },
        credentials: member,
      }),
    ).rejects.toThrow(/not found/);
  });
});
