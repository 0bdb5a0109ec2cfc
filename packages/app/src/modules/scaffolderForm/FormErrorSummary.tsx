import type { MouseEvent } from 'react';
import Link from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ErrorListProps } from '@rjsf/utils';
import { problemFields, type ProblemField } from './problemFields';

const useStyles = makeStyles(theme => ({
  summary: {
    padding: theme.spacing(1.5, 2),
    marginBottom: theme.spacing(2),
    borderLeft: `4px solid ${theme.palette.error.main}`,
  },
  fields: {
    margin: 0,
    paddingLeft: 0,
    listStyle: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
  },
}));

/** Moves the user to a field: its first marked input, else its first input. */
function goTo(field: ProblemField, event: MouseEvent) {
  const target = document.getElementById(field.id);
  if (!target) return;
  event.preventDefault();
  const input =
    target.matches('input, textarea, select, [role="button"]') && target;
  const focusable =
    input ||
    target.querySelector<HTMLElement>('[aria-invalid="true"]') ||
    target.querySelector<HTMLElement>(
      'input:not([type="hidden"]), textarea, [role="button"]',
    );
  target.scrollIntoView?.({ block: 'center' });
  (focusable as HTMLElement | null)?.focus();
}

function heading(fieldCount: number, problemCount: number): string {
  if (fieldCount === 0) return 'This step needs a change:';
  if (fieldCount === 1) {
    return problemCount > 1
      ? `One field on this step has ${problemCount} problems; each is marked on it:`
      : 'One field on this step needs a change; it is marked:';
  }
  return problemCount > fieldCount
    ? `${fieldCount} fields on this step have ${problemCount} problems; each is marked:`
    : `${fieldCount} fields on this step need a change; each is marked:`;
}

/**
 * The form's error list, as a short summary: which fields of the step have a
 * problem, by their titles, each a link to the field. The problems themselves
 * are shown once, on their fields; this never repeats them.
 */
export function FormErrorSummary(props: ErrorListProps) {
  const classes = useStyles();
  const { fields, formProblems, fieldProblems } = problemFields(
    props.errors,
    props.schema,
  );
  if (fields.length === 0 && formProblems.length === 0) return null;
  return (
    <Paper
      variant="outlined"
      role="alert"
      aria-labelledby="capstan-form-error-summary"
      className={classes.summary}
    >
      <Typography id="capstan-form-error-summary" variant="subtitle2">
        {heading(fields.length, fieldProblems)}
      </Typography>
      {fields.length > 0 && (
        <ul className={classes.fields}>
          {fields.map(field => (
            <li key={field.id}>
              <Link href={`#${field.id}`} onClick={e => goTo(field, e)}>
                {field.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {formProblems.map(problem => (
        <Typography key={problem} variant="body2">
          {problem}
        </Typography>
      ))}
    </Paper>
  );
}
