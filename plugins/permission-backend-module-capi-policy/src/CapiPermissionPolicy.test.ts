import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  capiClusterCreatePermission,
  capiClusterDeletePermission,
  capiClusterReadPermission,
  capiClusterUpdatePermission,
  capiFleetReadPermission,
} from '@capstan/plugin-capi-common';
import {
  CapiClusterResource,
  isCapiClusterAllowed,
} from '@capstan/plugin-capi-node';
import {
  CapiPermissionPolicy,
  readCapiPolicyConfig,
} from './CapiPermissionPolicy';

function userWith(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as PolicyQueryUser;
}

const platform = userWith('user:default/pia', 'group:default/team-platform');
const payments = userWith('user:default/mia', 'group:default/team-payments');

function clusterOwnedBy(owner?: string): CapiClusterResource {
  return {
    ref: 'aws-eu/clusters/c1',
    managementCluster: 'aws-eu',
    namespace: 'clusters',
    name: 'c1',
    labels: {},
    ...(owner ? { owner } : {}),
  };
}

const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const catalogDelete = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});

const policy = new CapiPermissionPolicy({
  platformGroups: ['group:default/Team-Platform'],
});

const clusterPermissions = [
  capiClusterReadPermission,
  capiClusterUpdatePermission,
  capiClusterDeletePermission,
];

async function decide(
  permission: Parameters<CapiPermissionPolicy['handle']>[0]['permission'],
  user?: PolicyQueryUser,
): Promise<PolicyDecision> {
  return policy.handle({ permission }, user);
}

describe('CapiPermissionPolicy', () => {
  it('lets platform group members do everything', async () => {
    for (const permission of [
      ...clusterPermissions,
      capiClusterCreatePermission,
      capiFleetReadPermission,
    ]) {
      expect(await decide(permission, platform)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets other users read, change and delete only clusters their groups own', async () => {
    for (const permission of clusterPermissions) {
      const decision = await decide(permission, payments);
      expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
      expect(
        isCapiClusterAllowed(
          decision,
          clusterOwnedBy('group:default/team-payments'),
        ),
      ).toBe(true);
      expect(
        isCapiClusterAllowed(decision, clusterOwnedBy('user:default/mia')),
      ).toBe(true);
      expect(
        isCapiClusterAllowed(
          decision,
          clusterOwnedBy('group:default/team-checkout'),
        ),
      ).toBe(false);
      expect(isCapiClusterAllowed(decision, clusterOwnedBy())).toBe(false);
    }
  });

  it('lets other users create clusters only for groups they are members of', async () => {
    const decision = await decide(capiClusterCreatePermission, payments);
    expect(
      isCapiClusterAllowed(
        decision,
        clusterOwnedBy('group:default/team-payments'),
      ),
    ).toBe(true);
    expect(
      isCapiClusterAllowed(
        decision,
        clusterOwnedBy('group:default/team-checkout'),
      ),
    ).toBe(false);
    expect(
      isCapiClusterAllowed(decision, clusterOwnedBy('user:default/mia')),
    ).toBe(false);
  });

  it('keeps the fleet view for platform groups', async () => {
    expect(await decide(capiFleetReadPermission, payments)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies capi permissions without a user or without ownership refs', async () => {
    for (const permission of [...clusterPermissions, capiFleetReadPermission]) {
      expect((await decide(permission)).result).toBe(AuthorizeResult.DENY);
      expect((await decide(permission, userWith())).result).toBe(
        AuthorizeResult.DENY,
      );
    }
  });

  it('denies unknown capi permissions and passes others to the fallback', async () => {
    const unknownCapi = createPermission({
      name: 'capi.cluster.explode',
      attributes: {},
    });
    expect((await decide(unknownCapi, payments)).result).toBe(
      AuthorizeResult.DENY,
    );
    const scaffolderUse = createPermission({
      name: 'scaffolder.action.execute',
      attributes: {},
    });
    expect((await decide(scaffolderUse, payments)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    const strict = new CapiPermissionPolicy({
      platformGroups: [],
      fallback: { handle: async () => ({ result: AuthorizeResult.DENY }) },
    });
    expect(
      (await strict.handle({ permission: catalogRead }, payments)).result,
    ).toBe(AuthorizeResult.DENY);
    expect(
      (await strict.handle({ permission: scaffolderUse }, payments)).result,
    ).toBe(AuthorizeResult.DENY);
  });
});

describe('CapiPermissionPolicy for catalog entities', () => {
  const notCluster = {
    not: {
      allOf: [
        {
          rule: 'IS_ENTITY_KIND',
          resourceType: 'catalog-entity',
          params: { kinds: ['Resource'] },
        },
        {
          rule: 'HAS_SPEC',
          resourceType: 'catalog-entity',
          params: { key: 'type', value: 'kubernetes-cluster' },
        },
      ],
    },
  };

  it('lets platform group members see every entity', async () => {
    expect(await decide(catalogRead, platform)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it("shows other users every entity but cluster Resources their ownership refs don't own", async () => {
    for (const permission of [catalogRead, catalogDelete]) {
      expect(await decide(permission, payments)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          anyOf: [
            notCluster,
            {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: {
                claims: ['user:default/mia', 'group:default/team-payments'],
              },
            },
          ],
        },
      });
    }
  });

  it('shows no cluster Resource to a request without a user', async () => {
    for (const user of [undefined, userWith()]) {
      expect(await decide(catalogRead, user)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: notCluster,
      });
    }
  });

  it("narrows the fallback's decision and never widens it", async () => {
    const ownedOnly = {
      rule: 'IS_ENTITY_OWNER',
      resourceType: 'catalog-entity',
      params: { claims: ['group:default/team-payments'] },
    };
    const conditional = new CapiPermissionPolicy({
      platformGroups: ['group:default/team-platform'],
      fallback: {
        handle: async () => ({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: ownedOnly,
        }),
      },
    });
    const decision = await conditional.handle(
      { permission: catalogRead },
      payments,
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { allOf: [ownedOnly, { anyOf: [notCluster, {}] }] },
    });
    // Platform members get the fallback's own decision.
    expect(
      await conditional.handle({ permission: catalogRead }, platform),
    ).toMatchObject({ conditions: ownedOnly });
  });
});

describe('readCapiPolicyConfig', () => {
  it('reads and normalises platform groups', () => {
    expect(
      readCapiPolicyConfig(
        new ConfigReader({
          capi: { permissions: { platformGroups: ['group:team-platform'] } },
        }),
      ),
    ).toEqual({ platformGroups: ['group:default/team-platform'] });
    expect(readCapiPolicyConfig(new ConfigReader({}))).toEqual({
      platformGroups: [],
    });
  });

  it('refuses entries that are not full entity refs', () => {
    expect(() =>
      readCapiPolicyConfig(
        new ConfigReader({
          capi: { permissions: { platformGroups: ['team-platform'] } },
        }),
      ),
    ).toThrow(/platformGroups\[0\] "team-platform"/);
  });
});
