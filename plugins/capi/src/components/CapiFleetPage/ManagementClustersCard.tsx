import { type ComponentType, type ReactNode } from 'react';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
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

export function ManagementClustersCard(props: {
  items: ManagementClusterHealth[];
}) {
  const classes = useStyles();
  return (
    <InfoCard
      title="Management clusters"
      subheader={WHOLE_FLEET_UNFILTERED}
      variant="gridItem"
    >
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
            {props.items.map(mc => {
              const Icon = MC_STATE_ICON[mc.state];
              return (
                <TableRow key={mc.name}>
                  <TableCell component="th" scope="row">
                    {mc.title}
                    <Typography
                      variant="caption"
                      component="div"
                      className={classes.muted}
                    >
                      {mc.name}
                    </Typography>
                  </TableCell>
                  <TableCell>
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
                        {mc.lastError}
                      </Typography>
                    )}
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
              );
            })}
          </TableBody>
        </MuiTable>
      </div>
    </InfoCard>
  );
}

/** The fleet's key figures at a glance, beside the management clusters. */
