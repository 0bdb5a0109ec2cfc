import Typography from '@material-ui/core/Typography';
import { placePoolLabels } from '@capstan/plugin-capi-common';

/**
 * Per label of a node pool: whether it reaches the nodes (CAPI copies only
 * node.cluster.x-k8s.io, node-role.kubernetes.io and
 * node-restriction.kubernetes.io labels from Machines to Nodes) and, when it
 * does not, the key that would.
 */
export function LabelPlacement(props: {
  poolName: string;
  labels?: Record<string, string>;
}) {
  const placements = placePoolLabels(props.labels);
  if (placements.length === 0) {
    return null;
  }
  return (
    <ul
      aria-label={`Where the labels of node pool ${props.poolName} end up`}
      style={{ margin: 0, paddingLeft: 16, width: '100%' }}
    >
      {placements.map(p => (
        <li key={p.key}>
          <Typography variant="caption">
            {p.reachesNodes
              ? `${p.key}=${p.value}: reaches nodes: yes`
              : `${p.key}=${p.value}: reaches nodes: no (MachineDeployment and Machines only; write ${p.nodeLabelKey}=${p.value} to label the nodes)`}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
