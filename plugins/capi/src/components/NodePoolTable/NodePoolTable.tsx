import { type ReactNode } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  sumPatchSummaries,
  type ControlPlaneSummary,
  type NodePoolSummary,
  type PatchSummary,
} from '@capstan/plugin-capi-common';
import { PatchStateBar } from '../PatchStateBar/PatchStateBar';
import { MachineSize, machineSizeText } from '../MachineSize/MachineSize';
import { patchRowsOf } from './patchRows';
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

/** Below these widths (px) the table folds columns into others. */
const FIT = { medium: 900, narrow: 480 };

/**
 * The size when the scaffolder recorded one, the class beneath it; a pool
 * without a recorded size shows its class alone rather than a bare dash.
 */
function SizeAndClass(props: { pool: NodePoolSummary }) {
  const { size, class: poolClass } = props.pool;
  const classes = useStyles();
  if (!size && !poolClass) return <>—</>;
  if (!size) return <>{poolClass}</>;
  return (
    <>
      <MachineSize pool={props.pool} />
      {poolClass && (
        <Typography variant="caption" className={classes.muted} component="div">
          {poolClass}
        </Typography>
      )}
    </>
  );
}

/**
 * The control plane's size: Capstan records a machine size per node pool
 * only, so the cell says why there is none instead of naming a kind.
 */
function ControlPlaneSize(props: { fromProfile: boolean }) {
  const classes = useStyles();
  const reason = props.fromProfile
    ? "The cluster profile chose the control plane's machine size; Capstan records sizes for node pools only."
    : "The control plane's machine size is not recorded on the cluster; Capstan records sizes for node pools only.";
  return (
    <Tooltip title={reason}>
      <span aria-label={`Size not shown. ${reason}`}>
        —
        <Typography variant="caption" className={classes.muted} component="div">
          {props.fromProfile ? 'set by the profile' : 'not recorded'}
        </Typography>
      </span>
    </Tooltip>
  );
}

function replicasText(pool: NodePoolSummary) {
  return `${pool.readyReplicas}/${pool.desiredReplicas ?? pool.replicas}`;
}

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
  const desiredOf = (p: { desiredReplicas?: number; replicas: number }) =>
    p.desiredReplicas ?? p.replicas;
  const total = controlPlane && {
    ready:
      controlPlane.readyReplicas +
      pools.reduce((sum, p) => sum + p.readyReplicas, 0),
    desired:
      desiredOf(controlPlane) + pools.reduce((sum, p) => sum + desiredOf(p), 0),
  };
  const classes = useStyles();
  const [ref, fit] = useFitWidth(FIT);
  // Medium: autoscaling goes beneath ready/desired. Narrow (a phone): size
  // and version go beneath the pool's name too, leaving three columns.
  const showAutoscaling = fit === 'wide';
  const showSizeAndVersion = fit !== 'narrow';
  // Columns between "Ready / desired" and "Patch state" (autoscaling, version).
  const beforePatch = (showAutoscaling ? 1 : 0) + (showSizeAndVersion ? 1 : 0);
  // On a phone the actions go beneath the pool's name as well.
  const actionsColumn = Boolean(renderActions) && showSizeAndVersion;
  if (pools.length === 0 && !controlPlane) {
    return (
      <Typography variant="body2" className={classes.muted}>
        No node pools.
      </Typography>
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
            {showSizeAndVersion && <TableCell>Size / class</TableCell>}
            <TableCell>Ready / desired</TableCell>
            {showAutoscaling && <TableCell>Autoscaling</TableCell>}
            {showSizeAndVersion && <TableCell>Version</TableCell>}
            <TableCell>Patch state</TableCell>
            {actionsColumn && <TableCell>Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {pools.map(pool => {
            const notReady =
              pool.readyReplicas < (pool.desiredReplicas ?? pool.replicas);
            return (
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
                  {!showSizeAndVersion && (
                    <Typography
                      variant="caption"
                      className={classes.muted}
                      component="div"
                    >
                      {[machineSizeText(pool) ?? pool.class, pool.version]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography>
                  )}
                  {renderActions && !actionsColumn && (
                    <div>{renderActions(pool)}</div>
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
                {showSizeAndVersion && (
                  <TableCell>
                    <SizeAndClass pool={pool} />
                  </TableCell>
                )}
                <TableCell className={notReady ? classes.warning : undefined}>
                  {replicasText(pool)}
                  {pool.rollingOut && (
                    <Typography variant="caption" component="div">
                      rolling out: {pool.upToDateReplicas} up to date
                    </Typography>
                  )}
                  {!showAutoscaling && pool.autoscaling && (
                    <Typography
                      variant="caption"
                      className={classes.muted}
                      component="div"
                    >
                      autoscaling{' '}
                      {`${pool.autoscaling.min}–${pool.autoscaling.max}`}
                    </Typography>
                  )}
                </TableCell>
                {showAutoscaling && (
                  <TableCell>
                    {pool.autoscaling
                      ? `${pool.autoscaling.min}–${pool.autoscaling.max}`
                      : 'off'}
                  </TableCell>
                )}
                {showSizeAndVersion && (
                  <TableCell>
                    {pool.version ?? '—'}
                    {pool.versions && pool.versions.length > 1 && (
                      // Machines on two versions: a rollout is half way.
                      <Typography variant="caption" component="div">
                        runs{' '}
                        {pool.versions
                          .map(v => `${v.version} ×${v.replicas}`)
                          .join(', ')}
                      </Typography>
                    )}
                  </TableCell>
                )}
                <TableCell className={classes.patchCell}>
                  <PatchStateBar patch={pool.patch} />
                </TableCell>
                {actionsColumn && (
                  <TableCell>{renderActions?.(pool)}</TableCell>
                )}
              </TableRow>
            );
          })}
          {controlPlane && total && patchRows && (
            <>
              <TableRow>
                <TableCell component="th" scope="row">
                  Control plane
                  {!showSizeAndVersion && controlPlane.version && (
                    <Typography
                      variant="caption"
                      className={classes.muted}
                      component="div"
                    >
                      {controlPlane.version}
                    </Typography>
                  )}
                </TableCell>
                {showSizeAndVersion && (
                  <TableCell>
                    <ControlPlaneSize fromProfile={Boolean(props.profile)} />
                  </TableCell>
                )}
                <TableCell
                  className={
                    controlPlane.readyReplicas < desiredOf(controlPlane)
                      ? classes.warning
                      : undefined
                  }
                >
                  {controlPlane.readyReplicas}/{desiredOf(controlPlane)}
                </TableCell>
                {showAutoscaling && <TableCell>—</TableCell>}
                {showSizeAndVersion && (
                  <TableCell>{controlPlane.version ?? '—'}</TableCell>
                )}
                <TableCell className={classes.patchCell}>
                  <PatchStateBar patch={patchRows.controlPlane} />
                </TableCell>
                {actionsColumn && <TableCell />}
              </TableRow>
              {patchRows.noPool && (
                <TableRow>
                  <TableCell component="th" scope="row">
                    Machines of no pool
                  </TableCell>
                  {showSizeAndVersion && <TableCell />}
                  <TableCell>—</TableCell>
                  {beforePatch > 0 && <TableCell colSpan={beforePatch} />}
                  <TableCell className={classes.patchCell}>
                    <PatchStateBar patch={patchRows.noPool} />
                  </TableCell>
                  {actionsColumn && <TableCell />}
                </TableRow>
              )}
              <TableRow>
                <TableCell component="th" scope="row">
                  <strong>Total machines</strong>
                </TableCell>
                {showSizeAndVersion && <TableCell />}
                <TableCell
                  aria-label={`Total ready ${total.ready} of ${total.desired}`}
                >
                  <strong>
                    {total.ready}/{total.desired}
                  </strong>
                </TableCell>
                {beforePatch > 0 && <TableCell colSpan={beforePatch} />}
                <TableCell className={classes.patchCell}>
                  <PatchStateBar patch={patchRows.total} />
                </TableCell>
                {actionsColumn && <TableCell />}
              </TableRow>
            </>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
