import { Fragment } from 'react';

/**
 * The parts of a generated name, each ending after a "-" or ".":
 * "payments-staging-00016" → "payments-", "staging-", "00016".
 */
export function nameParts(name: string): string[] {
  return name.match(/[^-.]*[-.]|[^-.]+$/g) ?? [name];
}

/**
 * A generated name (cluster, machine, node) that may wrap only after a "-"
 * or ".", never inside a part: browsers do not break "staging-00016" at its
 * hyphen (a digit follows) nor at a dot. The text stays the exact name, so
 * it reads and copies as is (`<wbr>` adds no character).
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
