import Box from '@material-ui/core/Box';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ChangeRequest } from '@capstan/plugin-capi-common';
import {
  formatSince,
  hasEnded,
  requestTitle,
  shortRef,
  stageText,
  STAGE_LABELS,
  stagesOf,
} from './changeRequestText';
import { ChangeRequestLinks } from './ChangeRequestLinks';
import { formatTimeOfDay } from '../../time';

const useStyles = makeStyles(theme => ({
  root: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  stepper: { padding: theme.spacing(1, 0, 0, 0) },
  failed: { color: theme.palette.error.main },
}));

/**
 * One change request as a compact stepper: its stages (a timestamp each),
 * the current one with its time in stage, who asked, links to the task,
 * commit and pull request, and why it failed.
 */
export function ChangeRequestStepper(props: {
  request: ChangeRequest;
  now: number;
  /** The cluster in words, when its name alone is not enough. */
  cluster?: string;
}) {
  const { request, now } = props;
  const classes = useStyles();
  const stages = stagesOf(request);
  const active = stages.indexOf(request.stage);
  const ended = hasEnded(request);
  const title = requestTitle(request, props.cluster);
  return (
    <Box
      className={classes.root}
      role="group"
      aria-label={`Change request: ${title}, ${STAGE_LABELS[request.stage]}`}
      data-testid="change-request"
      data-stage={request.stage}
      data-request-id={request.id}
    >
      <Typography variant="body2">
        <strong>{title}</strong> · asked by {shortRef(request.requestedBy)},{' '}
        {formatSince(request.requestedAt, now)} ago · {stageText(request, now)}
      </Typography>
      <Stepper
        activeStep={ended && request.stage === 'done' ? stages.length : active}
        alternativeLabel
        className={classes.stepper}
      >
        {stages.map(stage => {
          const at = request.stages[stage];
          const error = stage === 'failed' || stage === 'closed';
          return (
            <Step key={stage} completed={Boolean(at) && !error}>
              <StepLabel
                error={error && Boolean(at)}
                optional={
                  <Typography variant="caption" component="span">
                    {formatTimeOfDay(at)}
                  </Typography>
                }
              >
                {STAGE_LABELS[stage]}
              </StepLabel>
            </Step>
          );
        })}
      </Stepper>
      {request.reason && (
        <Typography
          variant="body2"
          className={request.stage === 'failed' ? classes.failed : undefined}
          role={request.stage === 'failed' ? 'alert' : undefined}
        >
          {request.reason}
        </Typography>
      )}
      <Typography variant="caption" component="div">
        <ChangeRequestLinks request={request} cluster={props.cluster} />
      </Typography>
    </Box>
  );
}
