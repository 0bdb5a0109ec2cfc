import { Fragment } from 'react';

/**
 * The parts of a generated name, each ending after a "-", "." or "/":
 * "payments-staging-00016" → "payments-", "staging-", "00016".
 */
export function nameParts(name: string): string[] {
  return name.match(/[^-./]*[-./]|[^-./]+$/g) ?? [name];
}

/**
 * A generated name (cluster, machine, node) that may wrap only after a "-",
 * "." or "/", never inside a part: browsers do not break "staging-00016" at
 * its hyphen (a digit follows) nor at a dot. The text stays the exact name,
 * so it reads and copies as is (`<wbr>` adds no character).
 */
export function BreakableName(props: { name: string }) {
  const parts = nameParts(props.name);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}

/**
 * Longer words than this (a name in a message: "payments-dev-00020-batch-1:")
 * may break after their "-", "." or "/"; shorter ones ("v1.33.2") move to the
 * next line whole, like any word.
 */
const LONG_WORD = 16;

/**
 * A sentence that may name things (a condition message, a connection error):
 * it wraps at its spaces, and a long name in it as {@link BreakableName}
 * does, never inside a word ("MachineDeploymen" / "t").
 */
export function BreakableText(props: { text: string }) {
  const words = props.text.split(/(\s+)/);
  return (
    <>
      {words.map((word, i) => (
        <Fragment key={i}>
          {word.length > LONG_WORD ? <BreakableName name={word} /> : word}
        </Fragment>
      ))}
    </>
  );
}
