import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  headlineHealthIn,
  conditionInWords,
  conditionMessageText,
  explainCondition,
  type ClusterCondition,
  type ClusterStatus,
  type ConditionExplanation,
} from '@capstan/plugin-capi-common';
import { ConditionMessage } from '../ConditionMessage/ConditionMessage';

const useStyles = makeStyles(theme => ({
  failing: { color: theme.palette.error.main },
  warning: { color: theme.palette.warning.dark },
  muted: { color: theme.palette.text.secondary },
  title: { fontWeight: 600 },
}));

/**
 * The condition behind an explanation in words, on one line: "Workers
 * available: False (Not available): MachineDeployment md-0: …".
 */
export function conditionText(condition: ClusterCondition): string {
  const message = conditionMessageText(condition.message);
  return `${conditionInWords(condition)}${message ? `: ${message}` : ''}`;
}

/**
 * The headline of a cluster or pool in plain words (from the capi-common
 * explanation catalogue), what the user can do, and the condition behind it.
 * Red only for a failure; work in progress (a new cluster's first boot
 * within its expected time included) reads neutral.
 */
export function StatusHeadline(props: {
  condition: ClusterCondition;
  explanation?: ConditionExplanation;
  status?: ClusterStatus;
  compact?: boolean;
}) {
  const { condition, status, compact } = props;
  const classes = useStyles();
  const explanation = props.explanation ?? explainCondition(condition);
  const health = headlineHealthIn(condition, status);
  let tone = classes.muted;
  if (health === 'failing') tone = classes.failing;
  else if (health === 'warning') tone = classes.warning;
  if (compact) {
    return (
      <Tooltip
        title={`${explanation.detail}${
          explanation.action ? ` ${explanation.action}` : ''
        } — ${conditionText(condition)}`}
      >
        <Typography
          variant="caption"
          component="div"
          className={tone}
          data-testid="pool-headline"
        >
          {explanation.title}
        </Typography>
      </Tooltip>
    );
  }
  return (
    <div role="note" aria-label="Status explanation" data-health={health}>
      <Typography variant="body2" className={`${tone} ${classes.title}`}>
        {explanation.title}
      </Typography>
      {explanation.id !== 'raw' && (
        <Typography variant="body2">{explanation.detail}</Typography>
      )}
      {explanation.action && (
        <Typography variant="body2">
          What you can do: {explanation.action}
        </Typography>
      )}
      <Typography variant="caption" component="div" className={classes.muted}>
        {explanation.id === 'raw' ? (
          <ConditionMessage message={condition.message ?? explanation.detail} />
        ) : (
          <>
            {conditionInWords(condition)}
            <ConditionMessage message={condition.message} />
          </>
        )}
      </Typography>
    </div>
  );
}
