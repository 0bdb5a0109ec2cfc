import { wordsOf } from './words';

/**
 * One line of a condition message as people read it: the text, and how far
 * it is indented under the line above (0 = top level).
 *
 * @public
 */
export interface ConditionMessageLine {
  text: string;
  depth: number;
}

interface Bullet {
  text: string;
  children: Bullet[];
}

const BULLET = /^(\s*)\* ?(.*)$/;
/** A leading condition type, e.g. `EtcdMemberHealthy:` or `WorkersAvailable:`. */
const LEADING_TYPE = /^([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+):(\s|$)/;

/** `EtcdMemberHealthy: Waiting…` → `Etcd member healthy: Waiting…`; other text unchanged. */
function humaniseLead(text: string): string {
  return text.replace(LEADING_TYPE, (_, type: string, after: string) => {
    return `${wordsOf(type)}:${after}`;
  });
}

/**
 * Some controllers (and the simulator) inline a nested list on one line,
 * `* MachineDeployment md-0: * Machine m-1: NodeHealthy…`: each `: * ` opens a
 * level, as CAPI's indented form does.
 */
function inlineLevels(text: string): string[] {
  return text
    .split(/:\s+\*\s+/)
    .map((part, i, all) => (i < all.length - 1 ? `${part}:` : part));
}

/** The bullet tree of a message: CAPI indents children by 2 (sometimes more) spaces. */
function parse(message: string): Bullet[] {
  const roots: Bullet[] = [];
  // Open bullets with their indentation, innermost last.
  const stack: Array<{ indent: number; bullet: Bullet }> = [];
  for (const raw of message.split(/\r?\n/)) {
    if (!raw.trim()) continue;
    const match = BULLET.exec(raw);
    const indent = match
      ? match[1].length
      : raw.length - raw.trimStart().length;
    const text = (match ? match[2] : raw).trim();
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent) {
      stack.pop();
    }
    let level =
      stack.length > 0 ? stack[stack.length - 1].bullet.children : roots;
    let last: Bullet | undefined;
    for (const part of inlineLevels(text)) {
      last = { text: humaniseLead(part.trim()), children: [] };
      level.push(last);
      level = last.children;
    }
    // Lines indented further belong under the innermost inline level.
    if (last) stack.push({ indent, bullet: last });
  }
  return roots;
}

/**
 * A header with a single child reads as one line: `Machine m-1:` over
 * `Etcd member healthy: Waiting…` becomes `Machine m-1: Etcd member healthy: Waiting…`.
 */
function collapse(bullet: Bullet): Bullet {
  const children = bullet.children.map(collapse);
  if (children.length === 1 && bullet.text.endsWith(':')) {
    return {
      text: `${bullet.text} ${children[0].text}`,
      children: children[0].children,
    };
  }
  return { text: bullet.text, children };
}

function flatten(bullets: Bullet[], depth: number): ConditionMessageLine[] {
  return bullets.flatMap(b => [
    { text: b.text, depth },
    ...flatten(b.children, depth + 1),
  ]);
}

/**
 * A Cluster API condition message as readable lines. CAPI aggregates the
 * messages of many objects into Markdown-like bullets
 * (`* Machine m-1:\n  * NodeHealthy: Waiting…`); this drops the bullet marks,
 * keeps the nesting as depth, puts a header with one child on one line and
 * writes a leading condition type in words (`NodeHealthy:` → "Node healthy:").
 * A plain message is one line.
 *
 * @public
 */
export function conditionMessageLines(
  message: string | undefined,
): ConditionMessageLine[] {
  if (!message?.trim()) return [];
  return flatten(parse(message).map(collapse), 0);
}

/**
 * The message on one line, for tooltips and screen readers: lines joined
 * with "; ", a nested line after its header's colon.
 *
 * @public
 */
export function conditionMessageText(message: string | undefined): string {
  const lines = conditionMessageLines(message);
  let out = '';
  for (const [i, line] of lines.entries()) {
    if (i === 0) out = line.text;
    else if (lines[i - 1].text.endsWith(':') && line.depth > lines[i - 1].depth)
      out += ` ${line.text}`;
    else out += `; ${line.text}`;
  }
  return out;
}

/**
 * A condition in words, e.g. "Workers available: False (Machine deployments
 * not available)", for the line that names the condition behind a status.
 *
 * @public
 */
export function conditionInWords(condition: {
  type: string;
  status: string;
  reason?: string;
}): string {
  return `${wordsOf(condition.type)}: ${condition.status}${
    condition.reason ? ` (${wordsOf(condition.reason)})` : ''
  }`;
}
