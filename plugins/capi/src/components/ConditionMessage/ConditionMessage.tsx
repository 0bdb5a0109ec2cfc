import { makeStyles } from '@material-ui/core/styles';
import { conditionMessageLines } from '@capstan/plugin-capi-common';
import { BreakableText } from '../BreakableName/BreakableName';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  // Words wrap at spaces, names after a "-", "." or "/" (BreakableText),
  // never inside a word: not even in a table cell, whose theme style
  // (`word-break: break-word`) would squeeze "MachineDeploymen" / "t". Only
  // a single word wider than the whole line breaks.
  text: { wordBreak: 'normal', overflowWrap: 'break-word' },
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
    return (
      <div className={`${classes.text} ${props.className ?? ''}`}>
        <BreakableText text={lines[0].text} />
      </div>
    );
  }
  return (
    <ul className={`${classes.list} ${classes.text} ${props.className ?? ''}`}>
      {lines.map((line, i) => (
        <li
          // Lines repeat ("not available"); the position tells them apart.
          key={i}
          style={
            line.depth > 0 ? { paddingLeft: line.depth * INDENT } : undefined
          }
        >
          <BreakableText text={line.text} />
        </li>
      ))}
    </ul>
  );
}
