import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { NodePoolSummary } from '@capstan/plugin-capi-common';
import { MachineSize } from '../MachineSize/MachineSize';

/** What a pool's table cell and its stack on a phone both show. */

const useStyles = makeStyles(theme => ({
  muted: { color: theme.palette.text.secondary },
}));

export function desiredOf(p: { desiredReplicas?: number; replicas: number }) {
  return p.desiredReplicas ?? p.replicas;
}

export function isNotReady(pool: NodePoolSummary): boolean {
  return pool.readyReplicas < desiredOf(pool);
}

export function autoscalingText(pool: NodePoolSummary): string | undefined {
  return pool.autoscaling
    ? `${pool.autoscaling.min}–${pool.autoscaling.max}`
    : undefined;
}

/**
 * The size when the scaffolder recorded one, the class beneath it; a pool
 * without a recorded size shows its class alone rather than a bare dash.
 */
export function SizeAndClass(props: { pool: NodePoolSummary }) {
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
export function ControlPlaneSize(props: { fromProfile: boolean }) {
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

/** Ready of desired, and how far a rollout is. */
export function PoolReady(props: { pool: NodePoolSummary }) {
  const { pool } = props;
  return (
    <>
      {`${pool.readyReplicas}/${desiredOf(pool)}`}
      {pool.rollingOut && (
        <Typography variant="caption" component="div">
          rolling out: {pool.upToDateReplicas} up to date
        </Typography>
      )}
    </>
  );
}

/** The pool's version; machines on two versions mean a rollout is half way. */
export function PoolVersion(props: { pool: NodePoolSummary }) {
  const { pool } = props;
  return (
    <>
      {pool.version ?? '—'}
      {pool.versions && pool.versions.length > 1 && (
        <Typography variant="caption" component="div">
          runs{' '}
          {pool.versions.map(v => `${v.version} ×${v.replicas}`).join(', ')}
        </Typography>
      )}
    </>
  );
}
