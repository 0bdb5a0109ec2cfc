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
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    expect((await decide(catalogRead, payments)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    const strict = new CapiPermissionPolicy({
      platformGroups: [],
      fallback: { handle: async () => ({ result: AuthorizeResult.DENY }) },
    });
    expect(
      (await strict.handle({ permission: catalogRead }, payments)).result,
    ).toBe(AuthorizeResult.DENY);
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
