import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  wordsOf,
  type ArgoCdApplicationStatus,
  type ClusterDrift,
  type DriftField,
  type DriftState,
} from '@capstan/plugin-capi-common';

const useStyles = makeStyles(theme => ({
  drifted: {
    borderColor: theme.palette.error.main,
    color: theme.palette.error.main,
  },
  pending: {
    borderColor: theme.palette.info.main,
    color: theme.palette.info.main,
  },
  details: {
    marginTop: theme.spacing(1),
    padding: theme.spacing(1, 1.5),
    borderLeft: `4px solid ${theme.palette.warning.main}`,
    background: theme.palette.background.default,
  },
  list: { margin: theme.spacing(0.5, 0), paddingLeft: theme.spacing(2.5) },
  muted: { color: theme.palette.text.secondary },
  failed: { color: theme.palette.error.main },
}));

/** What each drift state is called on screen. */
export const DRIFT_STATE_LABELS: Record<DriftState, string> = {
  'in-sync': 'In sync with Git',
  pending: 'Git change pending',
  drifted: 'Drifted from Git',
  missing: 'In Git, not live',
  unmanaged: 'Not in Git',
};

/** A drift field in plain words, e.g. `Pool workers: replicas`. */
export function driftFieldLabel(field: string): string {
  if (field === 'kubernetesVersion') return 'Kubernetes version';
  if (field === 'controlPlaneReplicas') return 'Control plane replicas';
  if (field === 'clusterClass') return 'ClusterClass';
  const pool = /^pools\.(.+?)(?:\.(replicas|autoscaling))?$/.exec(field);
  if (pool) {
    if (pool[2] === 'replicas') return `Pool ${pool[1]}: replicas`;
    if (pool[2] === 'autoscaling') return `Pool ${pool[1]}: autoscaling`;
    return `Pool ${pool[1]}`;
  }
  return field;
}

const valueText = (value?: string) => value ?? 'not set';

/** The drift state as a small chip (nothing when the backend cannot tell). */
export function DriftBadge(props: { drift?: ClusterDrift }) {
  const classes = useStyles();
  const { drift } = props;
  if (!drift) return null;
  const classNames: Partial<Record<DriftState, string>> = {
    drifted: classes.drifted,
    missing: classes.drifted,
    pending: classes.pending,
  };
  const className = classNames[drift.state];
  return (
    <Chip
      size="small"
      variant="outlined"
      className={className}
      label={DRIFT_STATE_LABELS[drift.state]}
      aria-label={`Git drift: ${DRIFT_STATE_LABELS[drift.state]}`}
      title={drift.reason}
    />
  );
}

/** Argo CD's sync and health for the cluster's folder, with the failure reason. */
export function ArgoCdSyncStatus(props: { status?: ArgoCdApplicationStatus }) {
  const classes = useStyles();
  const { status } = props;
  if (!status) return null;
  // Argo CD's words (OutOfSync → "Out of sync"); the application on hover.
  const parts = [status.syncStatus, status.healthStatus]
    .filter((p): p is string => !!p)
    .map(wordsOf);
  return (
    <Typography
      variant="body2"
      component="div"
      data-testid="argocd-sync-status"
      className={status.reason ? classes.failed : classes.muted}
      title={`Argo CD application ${status.application}`}
    >
      Argo CD: {parts.join(' · ') || 'no status yet'}
      {status.reason ? ` — ${status.reason}` : ''}
    </Typography>
  );
}

function FieldList(props: { fields: DriftField[] }) {
  const classes = useStyles();
  return (
    <ul className={classes.list} aria-label="Fields that differ from Git">
      {props.fields.map(f => (
        <li key={f.field}>
          <Typography variant="body2" component="span">
            {driftFieldLabel(f.field)}: Git <strong>{valueText(f.git)}</strong>,
            live <strong>{valueText(f.live)}</strong>
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/**
 * What differs between Git and the live cluster, field by field with both
 * values, and Argo CD's sync status. Nothing when all is in sync and Argo CD
 * reports no failure.
 */
export function ClusterDriftDetails(props: { drift?: ClusterDrift }) {
  const classes = useStyles();
  const { drift } = props;
  if (!drift) return null;
  const quiet =
    (drift.state === 'in-sync' || drift.state === 'unmanaged') &&
    !drift.argocd?.reason;
  if (quiet) {
    return drift.argocd ? <ArgoCdSyncStatus status={drift.argocd} /> : null;
  }
  return (
    <div
      className={classes.details}
      role="note"
      aria-label={`Git drift: ${DRIFT_STATE_LABELS[drift.state]}`}
    >
      <Typography variant="body2" component="div">
        <strong>{DRIFT_STATE_LABELS[drift.state]}</strong>
        {drift.reason ? ` — ${drift.reason}` : ''}
      </Typography>
      {drift.fields.length > 0 && <FieldList fields={drift.fields} />}
      <ArgoCdSyncStatus status={drift.argocd} />
    </div>
  );
}
