import { type ComponentType, type ReactNode } from 'react';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { useTheme } from '@material-ui/core/styles';
import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  type ManagementClusterHealth,
  type ManagementClusterState,
} from '@capstan/plugin-capi-common';
import { formatRelative, formatTimestamp } from '../../time';
import { useFleetStyles as useStyles } from './fleetStyles';
import { BreakableText } from '../BreakableName/BreakableName';
import { WHOLE_FLEET_UNFILTERED } from './FleetSummaryCards';

const MC_STATE_ICON: Record<
  ManagementClusterState,
  ComponentType<{ children?: ReactNode }>
> = {
  synced: StatusOK,
  connecting: StatusPending,
  degraded: StatusWarning,
  down: StatusError,
};

/** "On-prem Frankfurt (vSphere)" over its name, "onprem-fra". */
function NameCell(props: { mc: ManagementClusterHealth }) {
  const classes = useStyles();
  return (
    <>
      {props.mc.title}
      <Typography variant="caption" component="div" className={classes.muted}>
        {props.mc.name}
      </Typography>
    </>
  );
}

function StateCell(props: { mc: ManagementClusterHealth }) {
  const { mc } = props;
  const classes = useStyles();
  const Icon = MC_STATE_ICON[mc.state];
  return (
    <>
      <Icon>
        {mc.state}
        {mc.stale ? ' (stale)' : ''}
      </Icon>
      {mc.lastError && (
        <Typography
          variant="caption"
          component="div"
          className={`${classes.error} ${classes.wrap}`}
        >
          <BreakableText text={mc.lastError} />
        </Typography>
      )}
    </>
  );
}

/**
 * On a phone, one block per management cluster: name and state, then its
 * figures on a line, so nothing is cut off at the card's edge.
 */
function StackedManagementClusters(props: {
  items: ManagementClusterHealth[];
}) {
  const classes = useStyles();
  return (
    <ul className={classes.stack} aria-label="Management cluster health">
      {props.items.map(mc => (
        <li key={mc.name}>
          <div className={classes.stackHead}>
            <Typography variant="body2" component="div">
              <NameCell mc={mc} />
            </Typography>
            <div>
              <StateCell mc={mc} />
            </div>
          </div>
          <Typography variant="caption" component="div">
            API {mc.apiVersion ?? '—'} · synced{' '}
            <span title={formatTimestamp(mc.lastSyncAt)}>
              {formatRelative(mc.lastSyncAt)}
            </span>{' '}
            · {mc.clusterCount} clusters · {mc.machineCount} machines
          </Typography>
        </li>
      ))}
    </ul>
  );
}

export function ManagementClustersCard(props: {
  items: ManagementClusterHealth[];
}) {
  const classes = useStyles();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('xs'));
  return (
    <InfoCard
      title="Management clusters"
      subheader={WHOLE_FLEET_UNFILTERED}
      variant="gridItem"
    >
      {narrow ? (
        <StackedManagementClusters items={props.items} />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <MuiTable
            size="small"
            className={classes.nowrap}
            aria-label="Management cluster health"
          >
            <TableHead>
              <TableRow>
                <TableCell>Management cluster</TableCell>
                <TableCell>State</TableCell>
                <TableCell>API</TableCell>
                <TableCell>Last sync</TableCell>
                <TableCell>Clusters</TableCell>
                <TableCell>Machines</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {props.items.map(mc => (
                <TableRow key={mc.name}>
                  <TableCell component="th" scope="row">
                    <NameCell mc={mc} />
                  </TableCell>
                  <TableCell>
                    <StateCell mc={mc} />
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    {mc.apiVersion ?? '—'}
                  </TableCell>
                  <TableCell
                    title={formatTimestamp(mc.lastSyncAt)}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {formatRelative(mc.lastSyncAt)}
                  </TableCell>
                  <TableCell>{mc.clusterCount}</TableCell>
                  <TableCell>{mc.machineCount}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </MuiTable>
        </div>
      )}
    </InfoCard>
  );
}

/** The fleet's key figures at a glance, beside the management clusters. */
