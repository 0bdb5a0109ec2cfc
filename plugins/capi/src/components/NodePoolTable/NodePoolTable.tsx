import { type ReactNode } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  sumPatchSummaries,
  type ControlPlaneSummary,
  type NodePoolSummary,
  type PatchSummary,
} from '@capstan/plugin-capi-common';
import { PatchStateBar } from '../PatchStateBar/PatchStateBar';
import { patchRowsOf } from './patchRows';
import { NodePoolStack } from './NodePoolStack';
import {
  ControlPlaneSize,
  PartVersion,
  PoolReady,
  ReadyOfDesired,
  TotalReadyValue,
  controlPlaneRollingOut,
  totalReadyLabel,
  type TotalReady,
  SizeAndClass,
  autoscalingText,
  desiredOf,
  isNotReady,
} from './poolValues';
import { StatusHeadline } from '../ClusterStatusChip/StatusHeadline';
import { useFitWidth } from '../../hooks/useFitWidth';

const useStyles = makeStyles(theme => ({
  warning: { color: theme.palette.warning.main },
  muted: { color: theme.palette.text.secondary },
  scroll: { overflowX: 'auto' },
  // Names, counts and versions never break mid-word ("gen/eral-1").
  // Tighter than MUI's small cells so the table fits the overview card's column.
  table: {
    '& th, & td': { whiteSpace: 'nowrap', padding: theme.spacing(0.75, 1.5) },
  },
  // A pool's headline wraps by word, never one letter per line in a squeezed table.
  headline: { whiteSpace: 'normal', minWidth: 140, maxWidth: 260 },
  patchCell: { minWidth: 170, width: '30%' },
  // Narrower containers: the bar shrinks, headers wrap.
  fitted: {
    '& thead th': {
      whiteSpace: 'normal',
      verticalAlign: 'bottom',
      wordBreak: 'normal',
      overflowWrap: 'normal',
    },
    '& $patchCell': { minWidth: 90, width: 'auto' },
    // The bar's own minimum is for wide tables.
    '& $patchCell > div': { minWidth: 0 },
    '& $headline': { minWidth: 100 },
  },
}));

/**
 * Below `medium` px the table folds autoscaling beneath ready/desired; below
 * `narrow` (a phone) each pool becomes a stack of labelled values.
 */
const FIT = { medium: 900, narrow: 480 };

export function NodePoolTable(props: {
  clusterName: string;
  pools: NodePoolSummary[];
  /** Extra cell per row, e.g. a "scale" link on the Clusters tab. */
  renderActions?: (pool: NodePoolSummary) => ReactNode;
  /**
   * The control plane, shown as a row of its own with a total row beneath,
   * so that the rows add up to the cluster's machines.
   */
  controlPlane?: ControlPlaneSummary;
  /** The cluster's profile, when a Capstan profile made it (it chose the control plane's size). */
  profile?: string;
  /**
   * The patch state of all the cluster's machines, for the total row; the
   * control plane and the pools added up when absent.
   */
  clusterPatch?: PatchSummary;
}) {
  const { clusterName, pools, renderActions, controlPlane } = props;
  const patchRows =
    controlPlane &&
    patchRowsOf({
      controlPlane,
      nodePools: pools,
      patch:
        props.clusterPatch ??
        sumPatchSummaries([controlPlane.patch, ...pools.map(p => p.patch)]),
    });
  const total: TotalReady | undefined = patchRows && {
    machines: patchRows.total.total,
    rollingOut:
      controlPlaneRollingOut(controlPlane) || pools.some(p => p.rollingOut),
    ready:
      controlPlane.readyReplicas +
      pools.reduce((sum, p) => sum + p.readyReplicas, 0),
    desired:
      desiredOf(controlPlane) + pools.reduce((sum, p) => sum + desiredOf(p), 0),
  };
  const classes = useStyles();
  const [ref, fit] = useFitWidth(FIT);
  // Medium: autoscaling goes beneath ready/desired.
  const showAutoscaling = fit === 'wide';
  // Columns between "Ready / desired" and "Patch state" (autoscaling, version).
  const beforePatch = showAutoscaling ? 2 : 1;
  if (pools.length === 0 && !controlPlane) {
    return (
      <Typography variant="body2" className={classes.muted}>
        No node pools.
      </Typography>
    );
  }
  if (fit === 'narrow') {
    return (
      <div ref={ref}>
        <NodePoolStack {...props} patchRows={patchRows} total={total} />
      </div>
    );
  }
  return (
    <div className={classes.scroll} ref={ref}>
      <Table
        size="small"
        className={`${classes.table} ${fit === 'wide' ? '' : classes.fitted}`}
        aria-label={`Node pools of ${clusterName}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Pool</TableCell>
            <TableCell>Size / class</TableCell>
            <TableCell>Ready / desired</TableCell>
            {showAutoscaling && <TableCell>Autoscaling</TableCell>}
            <TableCell>Version</TableCell>
            <TableCell>Patch state</TableCell>
            {renderActions && <TableCell>Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {pools.map(pool => (
            <TableRow key={pool.name}>
              <TableCell component="th" scope="row">
                {pool.name}
                {pool.kind === 'MachinePool' && (
                  <Typography
                    variant="caption"
                    className={classes.muted}
                    component="div"
                  >
                    machine pool
                  </Typography>
                )}
                {pool.headline && (
                  <div className={classes.headline}>
                    <StatusHeadline
                      compact
                      condition={pool.headline}
                      explanation={pool.explanation}
                      status={pool.status}
                    />
                  </div>
                )}
              </TableCell>
              <TableCell>
                <SizeAndClass pool={pool} />
              </TableCell>
              <TableCell
                className={isNotReady(pool) ? classes.warning : undefined}
              >
                <PoolReady pool={pool} />
                {!showAutoscaling && pool.autoscaling && (
                  <Typography
                    variant="caption"
                    className={classes.muted}
                    component="div"
                  >
                    autoscaling {autoscalingText(pool)}
                  </Typography>
                )}
              </TableCell>
              {showAutoscaling && (
                <TableCell>{autoscalingText(pool) ?? 'off'}</TableCell>
              )}
              <TableCell>
                <PartVersion part={pool} />
              </TableCell>
              <TableCell className={classes.patchCell}>
                <PatchStateBar patch={pool.patch} />
              </TableCell>
              {renderActions && <TableCell>{renderActions(pool)}</TableCell>}
            </TableRow>
          ))}
          {controlPlane && total && patchRows && (
            <>
              <TableRow>
                <TableCell component="th" scope="row">
                  Control plane
                </TableCell>
                <TableCell>
                  <ControlPlaneSize fromProfile={Boolean(props.profile)} />
                </TableCell>
                <TableCell
                  className={
                    controlPlane.readyReplicas < desiredOf(controlPlane)
                      ? classes.warning
                      : undefined
                  }
                >
                  <ReadyOfDesired
                    ready={controlPlane.readyReplicas}
                    desired={desiredOf(controlPlane)}
                    machines={patchRows.controlPlane.total}
                    rollingOut={controlPlaneRollingOut(controlPlane)}
                  />
                </TableCell>
                {showAutoscaling && <TableCell>—</TableCell>}
                <TableCell>
                  <PartVersion part={controlPlane} />
                </TableCell>
                <TableCell className={classes.patchCell}>
                  <PatchStateBar patch={patchRows.controlPlane} />
                </TableCell>
                {renderActions && <TableCell />}
              </TableRow>
              {patchRows.noPool && (
                <TableRow>
                  <TableCell component="th" scope="row">
                    Machines of no pool
                  </TableCell>
                  <TableCell />
                  <TableCell>—</TableCell>
                  <TableCell colSpan={beforePatch} />
                  <TableCell className={classes.patchCell}>
                    <PatchStateBar patch={patchRows.noPool} />
                  </TableCell>
                  {renderActions && <TableCell />}
                </TableRow>
              )}
              <TableRow>
                <TableCell component="th" scope="row">
                  <strong>Total machines</strong>
                </TableCell>
                <TableCell />
                <TableCell aria-label={totalReadyLabel(total)}>
                  <TotalReadyValue total={total} />
                </TableCell>
                <TableCell colSpan={beforePatch} />
                <TableCell className={classes.patchCell}>
                  <PatchStateBar patch={patchRows.total} />
                </TableCell>
                {renderActions && <TableCell />}
              </TableRow>
            </>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
