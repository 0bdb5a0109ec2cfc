import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * Links into the software templates that Capstan ships (templates/ in the
 * repo, namespace `default`). The scaffolder reads initial form values from a
 * `formData` query parameter holding JSON (see useFormDataFromQuery in
 * @backstage/plugin-scaffolder-react).
 */
export const CAPI_TEMPLATES = {
  newCluster: 'capi-new-cluster',
  addNodePool: 'capi-add-node-pool',
  scaleNodePool: 'capi-scale-node-pool',
  upgradeKubernetes: 'capi-upgrade-kubernetes',
  decommissionCluster: 'capi-decommission-cluster',
} as const;

/** Where the scaffolder is mounted in the app; `/create` in both app styles by default. */
export const SCAFFOLDER_BASE_PATH = '/create';

export function templateLink(
  template: string,
  formData?: Record<string, unknown>,
): string {
  const base = `${SCAFFOLDER_BASE_PATH}/templates/default/${encodeURIComponent(
    template,
  )}`;
  return formData
    ? `${base}?formData=${encodeURIComponent(JSON.stringify(formData))}`
    : base;
}

/**
 * The node pool name the day-2 templates take. Topology pools are named in
 * the Cluster's topology; a classic-mode pool's MachineDeployment is named
 * `<cluster>-<pool>`, and the templates take the part after the prefix (as
 * the scaffolder module's ClusterManifests reads it).
 */
export function templatePoolName(clusterName: string, poolName: string) {
  const prefix = `${clusterName}-`;
  return poolName.startsWith(prefix) ? poolName.slice(prefix.length) : poolName;
}

/**
 * What the new-cluster template's Ownership step starts with when it is
 * opened from an entity page: a Component or System is what the cluster is
 * for (`entityRef`) and its owner owns the cluster (`owner`, a full group
 * ref as the template's OwnerPicker holds it); a Group page pre-fills
 * itself as the owner. Other kinds (e.g. a cluster's own Resource) give
 * nothing.
 */
export function newClusterFormData(entity: Entity): {
  owner?: string;
  entityRef?: string;
} {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'group') return { owner: stringifyEntityRef(entity) };
  if (kind !== 'component' && kind !== 'system') return {};
  const formData: { owner?: string; entityRef?: string } = {
    entityRef: stringifyEntityRef(entity),
  };
  const owner = entity.spec?.owner;
  if (typeof owner === 'string' && owner) {
    try {
      formData.owner = stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      );
    } catch {
      // An owner that is not an entity ref: let the user pick.
    }
  }
  return formData;
}
