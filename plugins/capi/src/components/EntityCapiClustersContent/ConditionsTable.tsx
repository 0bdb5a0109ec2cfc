import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  StatusError,
  StatusOK,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import {
  headlineHealthIn,
  wordsOf,
  type ClusterCondition,
  type ClusterListItem,
  type ConditionHealth,
} from '@capstan/plugin-capi-common';
import { formatRelative, formatTimestamp } from '../../time';
import { useFitWidth } from '../../hooks/useFitWidth';
import { ConditionMessage } from '../ConditionMessage/ConditionMessage';

const useStyles = makeStyles(theme => ({
  failing: { color: theme.palette.error.main, fontWeight: 600 },
  muted: { color: theme.palette.text.secondary },
  scroll: { overflowX: 'auto' },
  // Status components render body1 text; match the table's body2.
  status: { '& > span': { fontSize: theme.typography.body2.fontSize } },
  healthLabel: {
    marginLeft: theme.spacing(0.75),
    color: theme.palette.text.secondary,
    fontWeight: 'normal',
  },
  conditions: {
    // Never inside a word (the theme's cells allow it: "MachineDeploymen" / "t").
    '& th, & td': { whiteSpace: 'nowrap', wordBreak: 'normal' },
    // Messages are sentences: let them wrap, within reason.
    '& td$message': { whiteSpace: 'normal', minWidth: 240 },
  },
  message: {},
  // A phone: reason, message and time beneath the condition's name.
  // Tighter cells, as in the machines table: "MachineDeployment" and
  // "False · failing" side by side fit 390 px.
  folded: {
    '& th, & td': { padding: theme.spacing(0.75, 1) },
    '& tbody th': { whiteSpace: 'normal', minWidth: 140 },
  },
  detail: {
    color: theme.palette.text.secondary,
    fontWeight: 'normal',
    fontSize: theme.typography.caption.fontSize,
  },
}));

/** Below this width (px) reason, message and time fold beneath the name (the tab's detail column at 1440 px is ~870 px). */
const FIT = { medium: 900, narrow: 900 };

const HEALTH_LABEL: Record<ConditionHealth, string> = {
  healthy: 'healthy',
  failing: 'failing',
  warning: 'warning',
  active: 'in progress',
  unknown: 'unknown',
};

const HEALTH_ICON: Record<ConditionHealth, typeof StatusOK> = {
  healthy: StatusOK,
  failing: StatusError,
  warning: StatusWarning,
  active: StatusRunning,
  unknown: StatusWarning,
};

/**
 * Failing conditions first, so a problem is not lost among a dozen healthy
 * rows; otherwise the order the controller reported.
 */
function sortConditions(cluster: ClusterListItem): ClusterCondition[] {
  const failing = (c: ClusterCondition) =>
    Number(headlineHealthIn(c, cluster.status) === 'failing');
  return [...cluster.conditions].sort((a, b) => failing(b) - failing(a));
}

/** A cluster's conditions, failing ones first, read by polarity. */
export function ConditionsTable(props: { cluster: ClusterListItem }) {
  const classes = useStyles();
  const conditions = sortConditions(props.cluster);
  const [ref, fit] = useFitWidth(FIT);
  const folded = fit !== 'wide';
  if (conditions.length === 0) {
    return (
      <Typography variant="body2" className={classes.muted}>
        No conditions reported yet.
      </Typography>
    );
  }
  // Most healthy conditions carry no message; an empty column is noise.
  const hasMessages = conditions.some(c => c.message);
  return (
    <div className={classes.scroll} ref={ref}>
      <Table
        size="small"
        className={`${classes.conditions} ${folded ? classes.folded : ''}`}
        aria-label={`Conditions of ${props.cluster.name}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Condition</TableCell>
            <TableCell>Status</TableCell>
            {!folded && <TableCell>Reason</TableCell>}
            {!folded && hasMessages && <TableCell>Message</TableCell>}
            {!folded && <TableCell>Since</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {conditions.map(c => {
            // Polarity decides: ScalingUp=False is the normal state, Available=False is a
            // failure — unless the cluster is rolling out or scaling, which explains it.
            const health = headlineHealthIn(c, props.cluster.status);
            const Icon = HEALTH_ICON[health];
            return (
              <TableRow key={c.type}>
                <TableCell component="th" scope="row">
                  {/* In words, with CAPI's own name on hover. */}
                  <span title={c.type}>{wordsOf(c.type)}</span>
                  {folded && (
                    <div className={classes.detail}>
                      {c.reason && `${wordsOf(c.reason)} · `}
                      {formatRelative(c.lastTransitionTime)}
                      <ConditionMessage message={c.message} />
                    </div>
                  )}
                </TableCell>
                <TableCell
                  className={`${classes.status} ${
                    health === 'failing' ? classes.failing : ''
                  }`}
                  // The status components hide their text from screen readers.
                  aria-label={`${c.status}, ${HEALTH_LABEL[health]}`}
                >
                  <Icon>
                    {c.status}
                    <span className={classes.healthLabel}>
                      · {HEALTH_LABEL[health]}
                    </span>
                  </Icon>
                </TableCell>
                {!folded && (
                  <TableCell>
                    {c.reason ? (
                      <span title={c.reason}>{wordsOf(c.reason)}</span>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                )}
                {!folded && hasMessages && (
                  <TableCell className={classes.message}>
                    <ConditionMessage message={c.message} />
                  </TableCell>
                )}
                {!folded && (
                  <TableCell>
                    <span title={formatTimestamp(c.lastTransitionTime)}>
                      {formatRelative(c.lastTransitionTime)}
                    </span>
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
