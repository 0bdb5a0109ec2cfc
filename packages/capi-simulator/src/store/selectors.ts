import { InputError } from '@backstage/errors';

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

/** A parsed Kubernetes label selector (equality- and set-based). */
export class LabelSelector {
  readonly #requirements: Requirement[];

  private constructor(requirements: Requirement[]) {
    this.#requirements = requirements;
  }

  static parse(text: string | undefined): LabelSelector | undefined {
    if (!text || !text.trim()) {
      return undefined;
    }
    return new LabelSelector(splitTopLevel(text).map(parseRequirement));
  }

  matches(labels: Record<string, string> | undefined): boolean {
    return this.#requirements.every(r => {
      const value = labels?.[r.key];
      switch (r.op) {
        case 'exists':
          return value !== undefined;
        case '!exists':
          return value === undefined;
        case 'in':
          return value !== undefined && r.values.includes(value);
        case 'notin':
          return value === undefined || !r.values.includes(value);
        default:
          return false;
      }
    });
  }
}

// Commas separate requirements except inside the parentheses of a set.
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
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

const LABEL_KEY =
  /^([a-z0-9A-Z]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string, whole: string): string {
  if (!LABEL_KEY.test(key)) {
    throw new InputError(
      `unable to parse requirement: invalid label key "${key}" in "${whole}"`,
    );
  }
  return key;
}

function checkValue(value: string, whole: string): string {
  if (!LABEL_VALUE.test(value) || value.length > 63) {
    throw new InputError(
      `unable to parse requirement: invalid label value "${value}" in "${whole}"`,
    );
  }
  return value;
}

function parseRequirement(part: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
  if (set) {
    const values = set[3].split(',').map(v => checkValue(v.trim(), part));
    return {
      key: checkKey(set[1], part),
      op: set[2] as 'in' | 'notin',
      values,
    };
  }
  const equality = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
  if (equality) {
    const key = checkKey(equality[1], part);
    const value = checkValue(equality[3], part);
    return { key, op: equality[2] === '!=' ? 'notin' : 'in', values: [value] };
  }
  if (part.startsWith('!')) {
    return { key: checkKey(part.slice(1).trim(), part), op: '!exists' };
  }
  return { key: checkKey(part, part), op: 'exists' };
}

interface FieldRequirement {
  field: 'name' | 'namespace';
  value: string;
  equal: boolean;
}

/** A field selector; only metadata.name and metadata.namespace are supported, as for CRDs. */
export class FieldSelector {
  readonly #requirements: FieldRequirement[];

  private constructor(requirements: FieldRequirement[]) {
    this.#requirements = requirements;
  }

  static parse(text: string | undefined): FieldSelector | undefined {
    if (!text || !text.trim()) {
      return undefined;
    }
    const requirements = text.split(',').map((part): FieldRequirement => {
      const match =
        /^\s*(metadata\.name|metadata\.namespace)\s*(==|=|!=)\s*(\S*)\s*$/.exec(
          part,
        );
      if (!match) {
        throw new InputError(
          `"${part.trim()}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
        );
      }
      return {
        field: match[1] === 'metadata.name' ? 'name' : 'namespace',
        value: match[3],
        equal: match[2] !== '!=',
      };
    });
    return new FieldSelector(requirements);
  }

  matches(name: string, namespace: string | undefined): boolean {
    return this.#requirements.every(r => {
      const actual = r.field === 'name' ? name : namespace ?? '';
      return (actual === r.value) === r.equal;
    });
  }
}
