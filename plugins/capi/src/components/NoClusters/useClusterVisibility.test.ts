import type { Entity } from '@backstage/catalog-model';
import { entityOwners } from './useClusterVisibility';

const component = (extra: Partial<Entity> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'shop' },
  spec: { owner: 'team-payments' },
  ...extra,
});

describe('entityOwners', () => {
  it("reads a component's owner as a group in the entity's namespace", () => {
    expect(entityOwners(component())).toEqual(['group:shop/team-payments']);
  });

  it('adds the ownedBy relations the catalog resolved, once each', () => {
    expect(
      entityOwners(
        component({
          relations: [
            { type: 'ownedBy', targetRef: 'group:shop/team-payments' },
            { type: 'ownedBy', targetRef: 'user:default/pat' },
            { type: 'partOf', targetRef: 'system:shop/payments' },
          ],
        }),
      ),
    ).toEqual(['group:shop/team-payments', 'user:default/pat']);
  });

  it('makes a group its own owner, so its members see its clusters', () => {
    expect(
      entityOwners({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'team-payments' },
        spec: { type: 'team', children: [] },
      }),
    ).toEqual(['group:default/team-payments']);
  });

  it('names nobody for an owner that is not an entity ref', () => {
    expect(
      entityOwners(component({ spec: { owner: 'group:default/' } })),
    ).toEqual([]);
  });
});
