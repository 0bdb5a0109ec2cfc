import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import type { ChangeRequest } from '@capstan/plugin-capi-common';
import { KIND_LABELS, shortRef, STAGE_LABELS } from './changeRequestText';

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: theme.spacing(1),
  },
  failed: { color: theme.palette.error.main },
}));

/**
 * One change request in a line, for a list of clusters: what it changes,
 * how far it got, and links to its task and pull request.
 */
export function ChangeRequestLine(props: { request: ChangeRequest }) {
  const { request } = props;
  const classes = useStyles();
  const failed = request.stage === 'failed' || request.stage === 'closed';
  return (
    <Typography
      variant="caption"
      component="div"
      className={classes.line}
      role="group"
      aria-label={`Change request: ${KIND_LABELS[request.kind]} of ${
        request.name
      }, ${STAGE_LABELS[request.stage]}`}
      data-testid="change-request"
      data-stage={request.stage}
      data-request-id={request.id}
    >
      <span className={failed ? classes.failed : undefined}>
        {KIND_LABELS[request.kind]}: {STAGE_LABELS[request.stage]}
      </span>
      <span>asked by {shortRef(request.requestedBy)}</span>
      {request.taskUrl && (
        <Link
          to={request.taskUrl}
          aria-label={`Task of the ${KIND_LABELS[request.kind]} of ${
            request.name
          }`}
        >
          Task
        </Link>
      )}
      {request.pullRequestUrl && (
        <Link
          to={request.pullRequestUrl}
          aria-label={`Pull request of the ${KIND_LABELS[request.kind]} of ${
            request.name
          }`}
        >
          Pull request
        </Link>
      )}
    </Typography>
  );
}
