import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import type { Theme } from '@material-ui/core/styles';
import type { TableColumn } from '@backstage/core-components';
import type { FleetClusterRow } from '@capstan/plugin-capi-common';
import { ClusterStatusChip } from '../ClusterStatusChip/ClusterStatusChip';
import { ClusterEntityLink } from '../ClusterEntityLink/ClusterEntityLink';
import { BreakableName } from '../BreakableName/BreakableName';
import { versionText } from '../ClusterOverview/ClusterOverview';
import { PatchStateBar } from '../PatchStateBar/PatchStateBar';
import { Fact } from '../Fact/Fact';
import { ownerLabel } from './ownerLabel';

function ClusterName(props: { cluster: FleetClusterRow }) {
  const c = props.cluster;
  return (
    <ClusterEntityLink clusterId={c.id} entityName={c.entityName}>
      <BreakableName name={c.name} />
    </ClusterEntityLink>
  );
}

// The fleet list's rows carry only what these columns read (FleetClusterRow).
const wideColumns: TableColumn<FleetClusterRow>[] = [
  {
    title: 'Cluster',
    field: 'name',
    highlight: true,
    // material-table gives every column the same width; a long name wraps at
    // its hyphens rather than pushing the table past the card.
    // Names are unique per management cluster only: the namespace (with the
    // next column) tells two namesakes apart.
    cellStyle: { wordBreak: 'normal', overflowWrap: 'break-word' },
    render: c => (
      <>
        <ClusterName cluster={c} />
        <Typography variant="caption" component="div" color="textSecondary">
          namespace {c.namespace}
        </Typography>
      </>
    ),
  },
  { title: 'Management cluster', field: 'managementCluster' },
  {
    title: 'Owner',
    field: 'owner',
    render: c => <span title={c.owner}>{ownerLabel(c.owner)}</span>,
    cellStyle: { whiteSpace: 'nowrap' },
  },
  {
    title: 'Status',
    field: 'status',
    render: c => <ClusterStatusChip cluster={c} />,
  },
  {
    title: 'Kubernetes',
    field: 'actualVersion',
    render: c => versionText(c),
    cellStyle: { whiteSpace: 'nowrap' },
  },
  {
    title: 'Machines',
    render: c => c.machineCount,
    customSort: (a, b) => a.machineCount - b.machineCount,
  },
  {
    title: 'Patch state',
    render: c => <PatchStateBar patch={c.patch} />,
    customSort: (a, b) => a.patch.compliance - b.patch.compliance,
  },
];

/**
 * On a phone the seven columns cannot fit (1,109 px in a 350 px card), so
 * each cluster is one cell: its name and place, then its status, version,
 * machines and patch state as labelled values. Sorting stays by name.
 */
const phoneColumns: TableColumn<FleetClusterRow>[] = [
  {
    title: 'Cluster',
    field: 'name',
    cellStyle: { wordBreak: 'normal', overflowWrap: 'break-word' },
    render: c => (
      <>
        <ClusterName cluster={c} />
        <Typography variant="caption" component="div" color="textSecondary">
          {c.managementCluster} · namespace {c.namespace} ·{' '}
          {ownerLabel(c.owner)}
        </Typography>
        <Box
          mt={1}
          display="grid"
          gridTemplateColumns="repeat(2, minmax(0, 1fr))"
          gridGap={8}
        >
          <Fact label="Status">
            <ClusterStatusChip cluster={c} />
          </Fact>
          <Fact label="Kubernetes">{versionText(c)}</Fact>
          <Fact label="Machines">{c.machineCount}</Fact>
        </Box>
        <Box mt={1}>
          <Fact label="Patch state">
            <PatchStateBar patch={c.patch} />
          </Fact>
        </Box>
      </>
    ),
  },
];

/** The fleet table's columns for the screen: seven on a wide one, one stacked on a phone. */
export function useFleetColumns(): TableColumn<FleetClusterRow>[] {
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'), {
    noSsr: true,
  });
  return phone ? phoneColumns : wideColumns;
}
