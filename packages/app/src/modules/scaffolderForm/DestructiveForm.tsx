import type { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import type { Entity } from '@backstage/catalog-model';

/** The template tag that marks a template whose task deletes something. */
export const DESTRUCTIVE_TAG = 'destructive';

export function isDestructiveTemplate(template: Entity | undefined): boolean {
  return !!template?.metadata.tags?.includes(DESTRUCTIVE_TAG);
}

// @backstage/ui's own destructive primary button (light, dark): the same
// colours through the same button variables its `destructive` prop sets.
const useStyles = makeStyles(theme => {
  const dark = theme.palette.type === 'dark';
  return {
    destructive: {
      // The stepper's current and done steps, in the same colour.
      '& .MuiStepIcon-root.MuiStepIcon-active, & .MuiStepIcon-root.MuiStepIcon-completed':
        { color: theme.palette.error.main },
      '& button[data-variant="primary"]': {
        '--bg': dark ? '#ef4444' : '#dc2626',
        '--bg-hover': dark ? '#dc2626' : '#b91c1c',
        '--bg-active': dark ? '#b91c1c' : '#991b1b',
        '--fg': '#ffffff',
      },
      '& button[data-variant="primary"][data-disabled="true"]': {
        '--bg': dark ? '#7f1d1d' : '#fca5a5',
        '--bg-hover': dark ? '#7f1d1d' : '#fca5a5',
        '--bg-active': dark ? '#7f1d1d' : '#fca5a5',
      },
    },
  };
});

/**
 * A template form whose every primary button (Next, Review, and the final
 * one) and its stepper read as destructive. The scaffolder's Stepper draws
 * the buttons with @backstage/ui's primary Button and no `destructive` prop,
 * so the wrapper gives them the colours that prop would.
 */
export function DestructiveForm(props: {
  destructive: boolean;
  children: ReactNode;
}) {
  const classes = useStyles();
  if (!props.destructive) return <>{props.children}</>;
  return (
    <div className={classes.destructive} data-destructive-form="true">
      {props.children}
    </div>
  );
}
