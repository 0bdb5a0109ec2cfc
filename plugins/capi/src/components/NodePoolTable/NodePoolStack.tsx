import { type ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ControlPlaneSummary,
  NodePoolSummary,
} from '@capstan/plugin-capi-common';
import { PatchStateBar } from '../PatchStateBar/PatchStateBar';
import { StatusHeadline } from '../ClusterStatusChip/StatusHeadline';
import { BreakableName } from '../BreakableName/BreakableName';
import { Fact } from '../Fact/Fact';
import type { PatchRows } from './patchRows';
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

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& > li': {
      padding: theme.spacing(1, 0),
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  },
  name: { fontWeight: 600, wordBreak: 'normal', overflowWrap: 'break-word' },
  muted: { color: theme.palette.text.secondary },
  warning: { color: theme.palette.warning.main },
  // Two values a line, the patch state across the width (its legend needs it).
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: theme.spacing(0.5, 2),
    marginTop: theme.spacing(0.5),
  },
  wide: { gridColumn: '1 / -1' },
}));

/** One row of the stack: a name, what goes beneath it, its labelled values. */
function StackItem(props: {
  name: ReactNode;
  label: string;
  beneath?: ReactNode;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <li>
      <section aria-label={props.label}>
        <Typography variant="body2" component="div" className={classes.name}>
          {props.name}
        </Typography>
        {props.beneath}
        <div className={classes.facts}>{props.children}</div>
      </section>
    </li>
  );
}

function PatchFact(props: { patch: PatchRows['total'] }) {
  const classes = useStyles();
  return (
    <Fact label="Patch state" className={classes.wide}>
      <PatchStateBar patch={props.patch} />
    </Fact>
  );
}

/**
 * The node pool table on a phone: each pool (and the control plane, the
 * machines of no pool, the total) as a stack of labelled values, like the
 * card's cluster list, so nothing needs a sideways scroll.
 */
export function NodePoolStack(props: {
  clusterName: string;
  pools: NodePoolSummary[];
  renderActions?: (pool: NodePoolSummary) => ReactNode;
  controlPlane?: ControlPlaneSummary;
  profile?: string;
  patchRows?: PatchRows;
  total?: TotalReady;
}) {
  const { pools, renderActions, controlPlane, patchRows, total } = props;
  const classes = useStyles();
  return (
    <ul
      className={classes.list}
      aria-label={`Node pools of ${props.clusterName}`}
    >
      {pools.map(pool => (
        <StackItem
          key={pool.name}
          label={`Node pool ${pool.name}`}
          name={<BreakableName name={pool.name} />}
          beneath={
            <>
              {pool.kind === 'MachinePool' && (
                <Typography
                  variant="caption"
                  className={classes.muted}
                  component="div"
                >
                  machine pool
                </Typography>
              )}
              {renderActions && <div>{renderActions(pool)}</div>}
              {pool.headline && (
                <StatusHeadline
                  compact
                  condition={pool.headline}
                  explanation={pool.explanation}
                  status={pool.status}
                />
              )}
            </>
          }
        >
          <Fact label="Size / class">
            <SizeAndClass pool={pool} />
          </Fact>
          <Fact label="Ready / desired">
            <span className={isNotReady(pool) ? classes.warning : undefined}>
              <PoolReady pool={pool} />
            </span>
          </Fact>
          <Fact label="Version">
            <PartVersion part={pool} />
          </Fact>
          <Fact label="Autoscaling">{autoscalingText(pool) ?? 'off'}</Fact>
          <PatchFact patch={pool.patch} />
        </StackItem>
      ))}
      {controlPlane && patchRows && total && (
        <>
          <StackItem label="Control plane" name="Control plane">
            <Fact label="Size">
              <ControlPlaneSize fromProfile={Boolean(props.profile)} />
            </Fact>
            <Fact label="Ready / desired">
              <span
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
              </span>
            </Fact>
            <Fact label="Version">
              <PartVersion part={controlPlane} />
            </Fact>
            <PatchFact patch={patchRows.controlPlane} />
          </StackItem>
          {patchRows.noPool && (
            <StackItem label="Machines of no pool" name="Machines of no pool">
              <PatchFact patch={patchRows.noPool} />
            </StackItem>
          )}
          <StackItem label="Total machines" name="Total machines">
            <Fact label={totalReadyLabel(total)} short="Ready / desired">
              <TotalReadyValue total={total} />
            </Fact>
            <PatchFact patch={patchRows.total} />
          </StackItem>
        </>
      )}
    </ul>
  );
}
