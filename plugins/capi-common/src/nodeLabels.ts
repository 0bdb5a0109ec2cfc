/**
 * Where a node pool's labels end up. Capstan writes pool labels to the
 * MachineDeployment's machine template metadata (in ClusterClass mode through
 * `spec.topology.workers.machineDeployments[].metadata`), so every Machine of
 * the pool carries them. CAPI then syncs to the workload cluster's Node only
 * the Machine labels in these domains (Cluster API book, "Metadata
 * propagation" → Machine → Node, and the "label sync between Machines and
 * Nodes" proposal): `node.cluster.x-k8s.io` (the domain CAPI owns for this),
 * the `node-role.kubernetes.io` prefix and the `node-restriction.kubernetes.io`
 * domain. Any other label (`tier=batch`) stays on the Machines and the
 * MachineDeployment unless the management cluster runs CAPI with
 * `--additional-sync-machine-labels` matching it.
 */

/**
 * Label domains CAPI syncs from Machines to Nodes with its default settings.
 *
 * @public
 */
export const NODE_SYNCED_LABEL_DOMAINS = [
  'node.cluster.x-k8s.io',
  'node-role.kubernetes.io',
  'node-restriction.kubernetes.io',
] as const;

/** The domain Capstan suggests for a label that should reach the Nodes. */
const SUGGESTED_DOMAIN = 'node.cluster.x-k8s.io';

function labelPrefix(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  return slash < 0 ? undefined : key.slice(0, slash).toLowerCase();
}

/**
 * Whether CAPI copies a Machine label with this key to the Node. The
 * `node-role.kubernetes.io` prefix counts only as itself; the other two are
 * domains, so their subdomains count too.
 *
 * @public
 */
export function labelReachesNodes(key: string): boolean {
  const prefix = labelPrefix(key);
  if (!prefix) {
    return false;
  }
  return (
    prefix === 'node-role.kubernetes.io' ||
    ['node.cluster.x-k8s.io', 'node-restriction.kubernetes.io'].some(
      domain => prefix === domain || prefix.endsWith(`.${domain}`),
    )
  );
}

/**
 * One pool label and where it ends up.
 *
 * @public
 */
export interface NodePoolLabelPlacement {
  key: string;
  value: string;
  /** True when CAPI syncs it to the pool's Nodes. */
  reachesNodes: boolean;
  /** For a label that does not reach the Nodes: the key that would. */
  nodeLabelKey?: string;
}

/**
 * Where each of a pool's labels ends up, in key order.
 *
 * @public
 */
export function placePoolLabels(
  labels: Record<string, string> | undefined,
): NodePoolLabelPlacement[] {
  return Object.entries(labels ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => {
      const reachesNodes = labelReachesNodes(key);
      const name = key.slice(key.lastIndexOf('/') + 1);
      return reachesNodes
        ? { key, value, reachesNodes }
        : {
            key,
            value,
            reachesNodes,
            nodeLabelKey: `${SUGGESTED_DOMAIN}/${name}`,
          };
    });
}

/**
 * The sentence a form or an action log shows for one label.
 *
 * @public
 */
export function describeLabelPlacement(
  placement: NodePoolLabelPlacement,
): string {
  const label = `${placement.key}=${placement.value}`;
  return placement.reachesNodes
    ? `${label} reaches the nodes (on the MachineDeployment and its Machines; CAPI copies it to each Node)`
    : `${label} stays on the MachineDeployment and its Machines and does not reach the nodes (CAPI copies only ${NODE_SYNCED_LABEL_DOMAINS.join(
        ', ',
      )} labels to Nodes); to label the nodes, write ${
        placement.nodeLabelKey
      }=${placement.value}`;
}
