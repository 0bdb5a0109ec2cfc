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
