import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  versionInRollout,
  type ControlPlaneSummary,
  type NodePoolSummary,
  type VersionCount,
} from '@capstan/plugin-capi-common';
import { MachineSize } from '../MachineSize/MachineSize';

/** What a pool's table cell and its stack on a phone both show. */

const useStyles = makeStyles(theme => ({
  muted: { color: theme.palette.text.secondary },
  // Wraps by word under the figure instead of widening the table.
  beside: { whiteSpace: 'normal', minWidth: 110, maxWidth: 170 },
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

/**
 * Why a row's machines (what its patch bar counts) are not its desired
 * count: machines still to be created, or extra ones while a rollout
 * replaces them (a surge) or a scale-down removes them. Undefined when
 * they agree.
 */
export function machinesBesideDesired(
  desired: number,
  machines: number,
  rollingOut: boolean,
): string | undefined {
  if (machines === desired) return undefined;
  if (machines < desired) return `${machines} of ${desired} machines created`;
  const extra = machines - desired;
  return `${machines} machines now: ${extra} extra ${
    rollingOut ? 'while rolling out' : 'being removed'
  }`;
}

/**
 * Ready of desired, with the machines that exist beneath when they differ
 * (so the patch bar's count is explained), and how far a rollout is.
 */
export function ReadyOfDesired(props: {
  ready: number;
  desired: number;
  machines: number;
  rollingOut: boolean;
  upToDate?: number;
}) {
  const { ready, desired, machines, rollingOut } = props;
  const beside = machinesBesideDesired(desired, machines, rollingOut);
  const classes = useStyles();
  return (
    <>
      {`${ready}/${desired}`}
      {beside && (
        <Typography
          variant="caption"
          component="div"
          className={classes.beside}
        >
          {beside}
        </Typography>
      )}
      {rollingOut && props.upToDate !== undefined && (
        <Typography variant="caption" component="div">
          rolling out: {props.upToDate} of {desired} updated
        </Typography>
      )}
    </>
  );
}

/** A pool's ready of desired (see {@link ReadyOfDesired}). */
export function PoolReady(props: { pool: NodePoolSummary }) {
  const { pool } = props;
  return (
    <ReadyOfDesired
      ready={pool.readyReplicas}
      desired={desiredOf(pool)}
      machines={pool.patch.total}
      rollingOut={pool.rollingOut}
      upToDate={pool.upToDateReplicas}
    />
  );
}

/**
 * The version of a pool or the control plane: "v1.33.2 → v1.34.1" while
 * some machines still run another version than the spec's, never a version
 * not all of them run; the machines per version beneath.
 */
export function PartVersion(props: {
  part: { version?: string; versions?: readonly VersionCount[] };
}) {
  const { part } = props;
  return (
    <>
      {versionInRollout(part) ?? '—'}
      {part.versions && part.versions.length > 1 && (
        <Typography variant="caption" component="div">
          runs{' '}
          {part.versions.map(v => `${v.version} ×${v.replicas}`).join(', ')}
        </Typography>
      )}
    </>
  );
}

/** Whether the control plane is replacing machines (a surge, an upgrade). */
export function controlPlaneRollingOut(cp: ControlPlaneSummary): boolean {
  return (
    cp.upToDateReplicas < cp.replicas ||
    (cp.versions?.filter(v => v.replicas > 0).length ?? 0) > 1
  );
}

/** The total row's figures: the control plane and the pools added up. */
export interface TotalReady {
  ready: number;
  desired: number;
  /** Machines that exist: what the total patch bar counts. */
  machines: number;
  rollingOut: boolean;
}

/** What a screen reader hears for the total row's ready cell. */
export function totalReadyLabel(total: TotalReady): string {
  const beside = machinesBesideDesired(
    total.desired,
    total.machines,
    total.rollingOut,
  );
  return `Total ready ${total.ready} of ${total.desired}${
    beside ? `; ${beside}` : ''
  }`;
}

/** The total row's ready of desired, in bold. */
export function TotalReadyValue(props: { total: TotalReady }) {
  const { total } = props;
  return (
    <strong>
      <ReadyOfDesired
        ready={total.ready}
        desired={total.desired}
        machines={total.machines}
        rollingOut={total.rollingOut}
      />
    </strong>
  );
}
