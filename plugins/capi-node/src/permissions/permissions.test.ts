import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { capiClusterReadPermission } from '@capstan/plugin-capi-common';
import {
  capiClusterConditions,
  createCapiClusterConditionalDecision,
  createCapiClusterFilter,
  isCapiClusterAllowed,
} from './conditions';
import { CapiClusterResource } from './resource';
import {
  hasClusterLabel,
  isClusterLinkedToEntity,
  isClusterOwner,
  isInManagementCluster,
} from './rules';

function cluster(
  name: string,
  extra: Partial<CapiClusterResource> = {},
): CapiClusterResource {
  return {
    ref: `aws-eu/clusters/${name}`,
    managementCluster: 'aws-eu',
    namespace: 'clusters',
    name,
    labels: {},
    ...extra,
  };
}

const teamA = cluster('a1', {
  owner: 'group:default/team-a',
  entityRef: 'component:default/checkout',
  labels: { 'capstan.dev/profile': 'prod', env: 'prod' },
});
const teamB = cluster('b1', {
  owner: 'group:default/team-b',
  managementCluster: 'onprem',
  ref: 'onprem/clusters/b1',
  entityRefs: ['component:default/billing'],
});
const unowned = cluster('x1');

describe('isClusterOwner', () => {
  it('matches when the owner is one of the claims, case-insensitively', () => {
    expect(
      isClusterOwner.apply(teamA, {
        claims: ['user:default/alice', 'group:default/Team-A'],
      }),
    ).toBe(true);
  });

  it('does not match another team or an unowned cluster', () => {
    const claims = ['group:default/team-a'];
    expect(isClusterOwner.apply(teamB, { claims })).toBe(false);
    expect(isClusterOwner.apply(unowned, { claims })).toBe(false);
    expect(isClusterOwner.apply(teamA, { claims: [] })).toBe(false);
  });

  it('gives the same answer as a query as when applied', () => {
    const claims = ['group:default/team-a'];
    const all = [teamA, teamB, unowned];
    const predicate = isClusterOwner.toQuery({ claims }) as (
      c: CapiClusterResource,
    ) => boolean;
    expect(all.map(predicate)).toEqual(
      all.map(c => isClusterOwner.apply(c, { claims })),
    );
    const filter = createCapiClusterFilter(
      capiClusterConditions.isClusterOwner({ claims }),
    );
    expect(all.filter(filter)).toEqual([teamA]);
  });
});

describe('isClusterLinkedToEntity', () => {
  it('matches the recorded entity ref and further linked refs', () => {
    expect(
      isClusterLinkedToEntity.apply(teamA, {
        entityRef: 'Component:default/checkout',
      }),
    ).toBe(true);
    expect(
      isClusterLinkedToEntity.apply(teamB, {
        entityRef: 'component:default/billing',
      }),
    ).toBe(true);
  });

  it('does not match other entities or the owner', () => {
    expect(
      isClusterLinkedToEntity.apply(teamA, {
        entityRef: 'group:default/team-a',
      }),
    ).toBe(false);
    expect(
      isClusterLinkedToEntity.apply(unowned, {
        entityRef: 'component:default/checkout',
      }),
    ).toBe(false);
  });
});

describe('isInManagementCluster', () => {
  it('matches the management cluster by exact name', () => {
    expect(isInManagementCluster.apply(teamA, { name: 'aws-eu' })).toBe(true);
    expect(isInManagementCluster.apply(teamB, { name: 'aws-eu' })).toBe(false);
    expect(isInManagementCluster.apply(teamA, { name: 'AWS-EU' })).toBe(false);
  });
});

describe('hasClusterLabel', () => {
  it('matches a key with any value, or a key with a given value', () => {
    expect(hasClusterLabel.apply(teamA, { key: 'env' })).toBe(true);
    expect(hasClusterLabel.apply(teamA, { key: 'env', value: 'prod' })).toBe(
      true,
    );
    expect(hasClusterLabel.apply(teamA, { key: 'env', value: 'dev' })).toBe(
      false,
    );
    expect(hasClusterLabel.apply(teamB, { key: 'env' })).toBe(false);
  });

  it('is not fooled by inherited object properties', () => {
    expect(hasClusterLabel.apply(teamB, { key: 'constructor' })).toBe(false);
    expect(hasClusterLabel.apply(teamB, { key: 'toString' })).toBe(false);
  });
});

describe('createCapiClusterFilter', () => {
  const all = [teamA, teamB, unowned];

  it('combines allOf, anyOf and not like the permission framework', () => {
    const { isClusterOwner: owner, isInManagementCluster: inMc } =
      capiClusterConditions;
    expect(
      all.filter(
        createCapiClusterFilter({
          anyOf: [
            owner({ claims: ['group:default/team-a'] }),
            inMc({ name: 'onprem' }),
          ],
        }),
      ),
    ).toEqual([teamA, teamB]);
    expect(
      all.filter(
        createCapiClusterFilter({
          allOf: [
            inMc({ name: 'aws-eu' }),
            { not: owner({ claims: ['group:default/team-a'] }) },
          ],
        }),
      ),
    ).toEqual([unowned]);
  });

  it('refuses conditions with unknown rules or invalid params', () => {
    expect(() =>
      createCapiClusterFilter({
        rule: 'NO_SUCH_RULE',
        resourceType: 'capi-cluster',
        params: {},
      }),
    ).toThrow(/NO_SUCH_RULE/);
    expect(() =>
      createCapiClusterFilter({
        rule: 'IS_CLUSTER_OWNER',
        resourceType: 'capi-cluster',
        params: { claims: 'group:default/team-a' },
      }),
    ).toThrow();
  });
});

describe('isCapiClusterAllowed', () => {
  it('passes definitive decisions through', () => {
    expect(isCapiClusterAllowed({ result: AuthorizeResult.ALLOW }, teamB)).toBe(
      true,
    );
    expect(isCapiClusterAllowed({ result: AuthorizeResult.DENY }, teamA)).toBe(
      false,
    );
  });

  it('evaluates a conditional decision against the given cluster', () => {
    const decision = createCapiClusterConditionalDecision(
      capiClusterReadPermission,
      capiClusterConditions.isClusterOwner({
        claims: ['user:default/alice', 'group:default/team-a'],
      }),
    );
    expect(isCapiClusterAllowed(decision, teamA)).toBe(true);
    expect(isCapiClusterAllowed(decision, teamB)).toBe(false);
    expect(isCapiClusterAllowed(decision, unowned)).toBe(false);
  });

  it('denies conditions meant for another resource type', () => {
    expect(
      isCapiClusterAllowed(
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_CLUSTER_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: ['group:default/team-a'] },
          },
        },
        teamA,
      ),
    ).toBe(false);
  });
});

describe('conditions a policy got wrong', () => {
  const owner = capiClusterConditions.isClusterOwner({
    claims: ['group:default/team-a'],
  });
  const cases: Array<[string, object, RegExp]> = [
    [
      'an unknown rule',
      { rule: 'IS_CLUSTER_OWNR', resourceType: 'capi-cluster', params: {} },
      /unknown capi-cluster rule "IS_CLUSTER_OWNR" \(built-in rules: IS_CLUSTER_OWNER, /,
    ],
    [
      'wrong params for a known rule',
      {
        rule: 'IS_CLUSTER_OWNER',
        resourceType: 'capi-cluster',
        params: { claims: 'group:default/team-a' },
      },
      /invalid params for capi-cluster rule IS_CLUSTER_OWNER .*"claims" must be a list of strings/,
    ],
    [
      'a condition of another resource type',
      {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: [] },
      },
      /condition IS_ENTITY_OWNER is for resource type "catalog-entity", but the decision is about capi-cluster resources/,
    ],
    ['an empty anyOf', { anyOf: [] }, /needs a non-empty list/],
  ];

  it.each(cases)(
    'refuses %s with an InputError naming it, nested or not',
    (_, condition, message) => {
      for (const conditions of [
        condition,
        { anyOf: [owner, { not: condition }] },
      ]) {
        const build = () => createCapiClusterFilter(conditions as never);
        expect(build).toThrow(message);
        expect(build).toThrow(
          expect.objectContaining({ name: 'InputError' }) as never,
        );
        const decision = {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'capi',
          resourceType: 'capi-cluster',
          conditions,
        } as never;
        expect(() => isCapiClusterAllowed(decision, teamA)).toThrow(message);
      }
    },
  );

  it('uses the given ruleset to know the rules', () => {
    const ruleset = {
      getRuleByName: (name: string) => {
        if (name !== 'IS_CLUSTER_OWNER') throw new Error(`no ${name}`);
        return isClusterOwner as never;
      },
    };
    expect(() =>
      createCapiClusterFilter(
        capiClusterConditions.isInManagementCluster({ name: 'aws-eu' }),
        ruleset,
      ),
    ).toThrow(/unknown capi-cluster rule "IS_IN_MANAGEMENT_CLUSTER"/);
    expect(
      [teamA, teamB].filter(createCapiClusterFilter(owner, ruleset)),
    ).toEqual([teamA]);
  });
});
