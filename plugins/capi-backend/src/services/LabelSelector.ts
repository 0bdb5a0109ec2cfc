import { InputError } from '@backstage/errors';

/**
 * One requirement of a Kubernetes label selector.
 *
 * @public
 */
export type LabelRequirement =
  | { key: string; op: 'in'; values: string[] }
  | { key: string; op: 'notin'; values: string[] }
  | { key: string; op: 'exists' }
  | { key: string; op: 'doesnotexist' };

const KEY =
  /^([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;
const VALUE = /^([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)?$/;

function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

/**
 * Parses the string form of a Kubernetes label selector (`a=b,c!=d,e in
 * (f,g),h,!i`). Throws an InputError explaining what is wrong.
 *
 * @public
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  const requirements: LabelRequirement[] = [];
  const fail = (part: string, why: string): never => {
    throw new InputError(
      `Invalid label selector "${selector}": "${part}" ${why}`,
    );
  };
  for (const part of splitTopLevel(selector)) {
    const setBased = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    const equality = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    const absent = /^!\s*(\S+)$/.exec(part);
    if (setBased) {
      const values = setBased[3].split(',').map(v => v.trim());
      if (values.some(v => !VALUE.test(v))) fail(part, 'has an invalid value');
      requirements.push({
        key: setBased[1],
        op: setBased[2] as 'in' | 'notin',
        values,
      });
    } else if (equality) {
      if (!VALUE.test(equality[3])) fail(part, 'has an invalid value');
      requirements.push({
        key: equality[1],
        op: equality[2] === '!=' ? 'notin' : 'in',
        values: [equality[3]],
      });
    } else if (absent) {
      requirements.push({ key: absent[1], op: 'doesnotexist' });
    } else if (/^\S+$/.test(part)) {
      requirements.push({ key: part, op: 'exists' });
    } else {
      fail(part, 'is not a label requirement');
    }
    const key = requirements[requirements.length - 1].key;
    if (!KEY.test(key)) fail(part, `has an invalid label key "${key}"`);
  }
  if (requirements.length === 0) {
    throw new InputError(`Invalid label selector "${selector}": it is empty`);
  }
  return requirements;
}

/** Whether labels satisfy every requirement. */
export function matchesLabelSelector(
  labels: Record<string, string>,
  requirements: LabelRequirement[],
): boolean {
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case 'in':
        return has && r.values.includes(labels[r.key]);
      case 'notin':
        return !has || !r.values.includes(labels[r.key]);
      case 'exists':
        return has;
      default:
        return !has;
    }
  });
}
