import { makeStyles } from '@material-ui/core/styles';

/** Styles shared by the fleet page and its cards. */
export const useFleetStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-end',
  },
  // Five selects and the name field fit one row at 1440 px.
  select: { minWidth: 185 },
  nameField: { width: 170 },
  nowrap: {
    '& th, & td': {
      whiteSpace: 'nowrap',
      wordBreak: 'normal',
      padding: theme.spacing(0.75, 1.5),
    },
    // Status components render body1 text; match the table's body2.
    '& td > span': { fontSize: theme.typography.body2.fontSize },
    '& $names': { whiteSpace: 'normal' },
  },
  // A cell of cluster or node names: they wrap after a "-" (BreakableName),
  // inside a part only when it alone is wider than the column.
  names: { wordBreak: 'normal', overflowWrap: 'break-word' },
  // An error message wraps within the State column instead of widening it
  // and pushing the counts out of the card: at its spaces, a long name or
  // address after a "-", "." or "/" (BreakableText), inside a word only
  // when it alone is wider than the column.
  wrap: {
    whiteSpace: 'normal',
    maxWidth: 180,
    wordBreak: 'normal',
    overflowWrap: 'break-word',
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto auto',
    justifyContent: 'start',
    gap: theme.spacing(0.5, 2),
    marginTop: theme.spacing(2),
  },
  counts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr auto',
    gap: theme.spacing(0.5, 1.5),
    alignItems: 'center',
  },
  barTrack: {
    height: 10,
    background: theme.palette.action.hover,
    borderRadius: 3,
  },
  // Management clusters on a phone: one block each, separated by a rule.
  stack: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& > li': {
      padding: theme.spacing(1, 0),
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    '& > li:last-child': { borderBottom: 'none' },
  },
  stackHead: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
  },
  muted: { color: theme.palette.text.secondary },
  error: { color: theme.palette.error.main },
  big: { fontSize: '2rem', fontWeight: 600, lineHeight: 1.2 },
}));
