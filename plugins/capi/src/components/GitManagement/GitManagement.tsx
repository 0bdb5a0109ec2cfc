import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ClusterWithoutMachines } from '@capstan/plugin-capi-common';

const useStyles = makeStyles(theme => ({
  note: {
    marginTop: theme.spacing(1),
    padding: theme.spacing(1, 1.5),
    borderLeft: `4px solid ${theme.palette.info.main}`,
    background: theme.palette.background.default,
  },
  muted: { color: theme.palette.text.secondary },
}));

/**
 * Whether the day-2 templates can change a cluster: they edit its folder in
 * the GitOps repository, so only clusters whose folder the backend found
 * there qualify. Unknown (no GitOps repository configured, not read yet)
 * counts as no: a button that can only fail is worse than none.
 */
export function canChangeThroughGit(cluster: ClusterWithoutMachines): boolean {
  return cluster.gitManaged === true;
}

/** Why a cluster offers no day-2 changes, in a sentence or two. */
export function notManagedReason(cluster: ClusterWithoutMachines): string {
  return cluster.gitManaged === undefined
    ? 'The portal has not read the GitOps repository yet (or none is configured), so it cannot offer upgrades, scaling or decommissioning for this cluster.'
    : `Its definition is not in the GitOps repository (no folder ${cluster.gitopsPath}), so the upgrade, node pool and decommission templates cannot change it. Ask the platform team to move it into Git, or change it where it is defined.`;
}

/** Says why a cluster offers no day-2 changes, in place of the buttons. */
export function NotManagedThroughGit(props: {
  cluster: ClusterWithoutMachines;
}) {
  const { cluster } = props;
  const classes = useStyles();
  const unknown = cluster.gitManaged === undefined;
  return (
    <div
      className={classes.note}
      role="note"
      aria-label={`${cluster.name} is ${
        unknown ? 'not known to be' : 'not'
      } managed through Git`}
    >
      <Typography variant="body2" component="div">
        <strong>
          {unknown
            ? 'Not known to be managed through Git'
            : 'Not managed through Git'}
        </strong>
      </Typography>
      <Typography variant="body2" className={classes.muted} component="div">
        {notManagedReason(cluster)}
      </Typography>
    </div>
  );
}
