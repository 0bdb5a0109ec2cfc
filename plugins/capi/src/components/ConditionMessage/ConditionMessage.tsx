import { makeStyles } from '@material-ui/core/styles';
import { conditionMessageLines } from '@capstan/plugin-capi-common';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  line: { overflowWrap: 'anywhere' },
});

/** Indentation per nesting level, in px. */
const INDENT = 12;

/**
 * A condition message as readable lines: CAPI's aggregated bullets
 * (`* Machine m-1:\n  * NodeHealthy: …`) become one line per object, nested
 * lines indented (capi-common's `conditionMessageLines`).
 */
export function ConditionMessage(props: {
  message?: string;
  className?: string;
}) {
  const classes = useStyles();
  const lines = conditionMessageLines(props.message);
  if (lines.length === 0) return null;
  if (lines.length === 1) {
    return <div className={props.className}>{lines[0].text}</div>;
  }
  return (
    <ul className={`${classes.list} ${props.className ?? ''}`}>
      {lines.map((line, i) => (
        <li
          // Lines repeat ("not available"); the position tells them apart.
          key={i}
          className={classes.line}
          style={
            line.depth > 0 ? { paddingLeft: line.depth * INDENT } : undefined
          }
        >
          {line.text}
        </li>
      ))}
    </ul>
  );
}
