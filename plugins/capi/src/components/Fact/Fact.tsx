import { type ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  label: { color: theme.palette.text.secondary },
  // Beside column headings (a wide card) the label would repeat them.
  phoneOnlyLabel: {
    color: theme.palette.text.secondary,
    [theme.breakpoints.up('sm')]: { display: 'none' },
  },
  value: {
    // A version or a count moves to the next line whole; a word breaks only
    // when it alone is wider than the column.
    wordBreak: 'normal',
    overflowWrap: 'break-word',
    // A badge ("Git change pending") wraps inside a narrow column on a
    // phone instead of running past the card's edge.
    '& .MuiChip-root': { maxWidth: '100%', height: 'auto', minHeight: 24 },
    '& .MuiChip-label': { whiteSpace: 'normal' },
  },
}));

/**
 * One labelled value of a stack (the card's cluster list on a phone, a node
 * pool on a narrow Clusters tab): a short label above the value, the full
 * label for screen readers.
 */
export function Fact(props: {
  label: string;
  /** What shows above the value; `label` when absent. */
  short?: string;
  /** Show the label on a phone only (wider screens have column headings). */
  labelOnPhoneOnly?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <div role="group" aria-label={props.label} className={props.className}>
      <Typography
        variant="caption"
        component="div"
        className={
          props.labelOnPhoneOnly ? classes.phoneOnlyLabel : classes.label
        }
        aria-hidden
      >
        {props.short ?? props.label}
      </Typography>
      <Typography variant="body2" component="div" className={classes.value}>
        {props.children}
      </Typography>
    </div>
  );
}
