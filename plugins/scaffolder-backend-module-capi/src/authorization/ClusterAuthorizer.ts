import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  CAPI_CLUSTER_RESOURCE_TYPE,
  capiClusterCreatePermission,
  capiClusterDeletePermission,
  capiClusterUpdatePermission,
} from '@capstan/plugin-capi-common';
import {
  isCapiClusterAllowed,
  type CapiClusterResource,
} from '@capstan/plugin-capi-node';

/** What an action is about to do to a cluster. */
export type ClusterAction = 'create' | 'update' | 'delete';

const PERMISSIONS: Record<
  ClusterAction,
  {
    permission: ResourcePermission<typeof CAPI_CLUSTER_RESOURCE_TYPE>;
    verb: string;
  }
> = {
  create: { permission: capiClusterCreatePermission, verb: 'create' },
  update: { permission: capiClusterUpdatePermission, verb: 'change' },
  delete: { permission: capiClusterDeletePermission, verb: 'decommission' },
};

/** Who ran the task, for the error message: a user ref, or what kind of caller. */
function describeCaller(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  if (principal.type === 'service') {
    return `service ${principal.subject ?? ''}`.trim();
  }
  return 'an unauthenticated caller';
}

/**
 * Asks the permission framework whether the task's initiator may create,
 * change or decommission one cluster. Conditional decisions (e.g. "owners
 * only") are evaluated here, against the cluster as recorded in Git (day-2)
 * or as requested (new clusters) — never against what the request claims
 * about an existing cluster.
 */
export class ClusterAuthorizer {
  readonly #permissions: PermissionsService;

  static create(options: { permissions: PermissionsService }) {
    return new ClusterAuthorizer(options.permissions);
  }

  private constructor(permissions: PermissionsService) {
    this.#permissions = permissions;
  }

  /** Throws one NotAllowedError naming the cluster and the permission when denied. */
  async authorize(
    credentials: BackstageCredentials,
    action: ClusterAction,
    cluster: CapiClusterResource,
  ): Promise<void> {
    const { permission, verb } = PERMISSIONS[action];
    const denied = () =>
      new NotAllowedError(
        `${describeCaller(credentials)} may not ${verb} cluster ${
          cluster.ref
        }: the ${permission.name} permission was denied${
          action === 'create' && cluster.owner
            ? ` for owner ${cluster.owner}`
            : ''
        }. Nothing was written to the GitOps repository.`,
      );
    if ((credentials.principal as { type?: string }).type === 'none') {
      throw denied();
    }
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (!decision || !isCapiClusterAllowed(decision, cluster)) {
      throw denied();
    }
  }
}
