import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ChangeRequest } from '@capstan/plugin-capi-common';
import {
  KIND_LABELS,
  requestTitle,
  shortRef,
  stageText,
  STAGE_LABELS,
} from './changeRequestText';
import { ChangeRequestLinks } from './ChangeRequestLinks';
import { useNow } from './useNow';

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
 * how far it got and for how long, who asked, and links to its task, pull
 * request and commit (the same texts and links as the Clusters tab's
 * stepper).
 */
export function ChangeRequestLine(props: {
  request: ChangeRequest;
  /** The cluster in words, when its name alone is not enough. */
  cluster?: string;
}) {
  const { request } = props;
  const classes = useStyles();
  const now = useNow();
  const failed = request.stage === 'failed' || request.stage === 'closed';
  return (
    <Typography
      variant="caption"
      component="div"
      className={classes.line}
      role="group"
      aria-label={`Change request: ${requestTitle(request, props.cluster)}, ${
        STAGE_LABELS[request.stage]
      }`}
      data-testid="change-request"
      data-stage={request.stage}
      data-request-id={request.id}
    >
      <span className={failed ? classes.failed : undefined}>
        {KIND_LABELS[request.kind]}: {stageText(request, now)}
      </span>
      <span>· asked by {shortRef(request.requestedBy)}</span>
      <ChangeRequestLinks request={request} cluster={props.cluster} />
      {failed && request.reason && (
        <span className={classes.failed}>{request.reason}</span>
      )}
    </Typography>
  );
}
