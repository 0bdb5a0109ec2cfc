import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { CapiPermissionPolicy } from '@capstan/plugin-permission-backend-module-capi-policy';

/** Who is who in the authorisation tests. */
export const identities = {
  /** Member of team-payments, which owns the seeded `payments-prod`. */
  owner: {
    user: 'user:default/olivia',
    claims: ['user:default/olivia', 'group:default/team-payments'],
  },
  /** Member of team-billing only. */
  other: {
    user: 'user:default/oscar',
    claims: ['user:default/oscar', 'group:default/team-billing'],
  },
  /** Member of the platform team. */
  platform: {
    user: 'user:default/pat',
    claims: ['user:default/pat', 'group:default/platform'],
  },
} as const;

export const credentialsOf = {
  owner: () => mockCredentials.user(identities.owner.user),
  other: () => mockCredentials.user(identities.other.user),
  platform: () => mockCredentials.user(identities.platform.user),
  unauthenticated: () => mockCredentials.none(),
  service: () => mockCredentials.service('plugin:catalog'),
};

type Permission = Parameters<
  PermissionsService['authorize']
>[0][number]['permission'];

/**
 * The permission service as a backend with Capstan's shipped policy sees
 * it: service principals are decided by Backstage's server permission
 * client without a policy (allowed); everyone else goes to the real
 * `CapiPermissionPolicy` (platform group `group:default/platform`), with
 * the ownership refs the user's token would carry.
 */
export function createPolicyDouble(): PermissionsService & {
  calls: Array<{ permission: string; principal: string }>;
} {
  const policy = new CapiPermissionPolicy({
    platformGroups: ['group:default/platform'],
  });
  const calls: Array<{ permission: string; principal: string }> = [];
  const decide = async (
    permission: Permission,
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision> => {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    calls.push({
      permission: permission.name,
      principal: principal.userEntityRef ?? principal.type,
    });
    if (principal.type === 'service') {
      return { result: AuthorizeResult.ALLOW };
    }
    const who = Object.values(identities).find(
      i => i.user === principal.userEntityRef,
    );
    const user: PolicyQueryUser | undefined =
      principal.type === 'user'
        ? ({
            info: {
              userEntityRef: principal.userEntityRef!,
              ownershipEntityRefs: [...(who?.claims ?? [])],
            },
          } as PolicyQueryUser)
        : undefined;
    return policy.handle({ permission }, user);
  };
  return {
    calls,
    async authorize(requests, options) {
      return Promise.all(
        requests.map(async r => {
          const d = await decide(r.permission, options.credentials);
          return d.result === AuthorizeResult.CONDITIONAL
            ? { result: AuthorizeResult.DENY }
            : d;
        }),
      ) as any;
    },
    async authorizeConditional(requests, options) {
      return Promise.all(
        requests.map(r => decide(r.permission, options.credentials)),
      ) as any;
    },
  };
}
