import type { ReactNode } from 'react';
import { ThemeProvider, type Theme } from '@material-ui/core/styles';

type Rules = Record<string, Record<string, unknown>>;

/**
 * Adds CSS to the `root` rule of a named style sheet's theme override, at
 * twice the class's specificity (`&&`): the theme's own `MuiTableCell`
 * rule has the same weight and may be injected later.
 */
function withRoot(
  overrides: Record<string, Rules | undefined>,
  name: string,
  css: Record<string, unknown>,
): Rules {
  const current = overrides[name] ?? {};
  return { ...current, root: { ...current.root, '&&': css } };
}

/**
 * Backstage keeps each label of the Review table on one line
 * (`white-space: nowrap`) and the theme's cells break anywhere
 * (`word-break: break-word`), so at 390 px a long label ("Start even if a
 * change of this kind is still in flight") took the width and words broke
 * mid-word ("Kubern/etes"). Labels wrap between words; a value breaks inside
 * a word only when one token is wider than its whole column.
 */
export function readableFormTheme(outer: Theme): Theme {
  const overrides = (outer.overrides ?? {}) as Record<
    string,
    Rules | undefined
  >;
  return {
    ...outer,
    overrides: {
      ...outer.overrides,
      BackstageMetadataTableTitleCell: withRoot(
        overrides,
        'BackstageMetadataTableTitleCell',
        {
          whiteSpace: 'normal',
          wordBreak: 'normal',
          paddingRight: outer.spacing(2),
        },
      ),
      BackstageMetadataTableCell: withRoot(
        overrides,
        'BackstageMetadataTableCell',
        { wordBreak: 'normal', overflowWrap: 'break-word' },
      ),
      // The steps' labels sit side by side: at 390 px they made the page
      // 401 px wide. The stepper scrolls inside its card instead.
      MuiStepper: withRoot(overrides, 'MuiStepper', { overflowX: 'auto' }),
      // Backstage's own sheet names, which Material UI's type does not list.
    } as Theme['overrides'],
  };
}

/** A template form that reads on a phone: its stepper and Review table (see readableFormTheme). */
export function ReadableForm(props: { children: ReactNode }) {
  return (
    <ThemeProvider theme={readableFormTheme}>{props.children}</ThemeProvider>
  );
}
