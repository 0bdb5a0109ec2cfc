import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import type { ChangeRequest } from '@capstan/plugin-capi-common';
import { requestTitle } from './changeRequestText';
import { GitCommit } from '../GitReferences/GitReferences';

const useStyles = makeStyles(theme => ({
  links: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(1.5),
  },
}));

/**
 * Where to follow a change request: its scaffolder task, its pull request
 * and its commit (the short SHA, a link or copyable). The stepper, the
 * card's one-line form and the history show them the same way.
 */
export function ChangeRequestLinks(props: {
  request: Pick<
    ChangeRequest,
    'kind' | 'name' | 'taskUrl' | 'pullRequestUrl' | 'commitSha'
  >;
  /** The cluster in words, when its name alone is not enough. */
  cluster?: string;
}) {
  const { request } = props;
  const classes = useStyles();
  const what = `the ${requestTitle(request, props.cluster)}`;
  if (!request.taskUrl && !request.pullRequestUrl && !request.commitSha) {
    return null;
  }
  return (
    <span className={classes.links}>
      {request.taskUrl && (
        <Link to={request.taskUrl} aria-label={`Task of ${what}`}>
          Task
        </Link>
      )}
      {request.pullRequestUrl && (
        <Link
          to={request.pullRequestUrl}
          aria-label={`Pull request of ${what}`}
        >
          Pull request
        </Link>
      )}
      {request.commitSha && <GitCommit sha={request.commitSha} what={what} />}
    </span>
  );
}
