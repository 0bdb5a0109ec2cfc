import {
  wordsOf,
  type ClusterClassSummary,
  type VariableSchema,
} from '@capstan/plugin-capi-common';

/** What every generated field has: the variable's name, its label and help. */
interface FieldBase {
  /** The ClusterClass variable's name, e.g. `kubeProxyMode`. */
  name: string;
  /** What the form calls it, e.g. "Kube proxy mode". */
  label: string;
  help?: string;
}

/** A form field generated from one ClusterClass variable's schema. */
export type VariableField =
  | (FieldBase & { kind: 'select'; options: string[] })
  | (FieldBase & { kind: 'checkbox'; defaultValue: boolean })
  | (FieldBase & { kind: 'number'; integer: boolean })
  | (FieldBase & { kind: 'text' });

const text = (v: unknown) =>
  typeof v === 'string' && v.trim() ? v.trim() : undefined;

// Named in words the way every Capstan screen names things (capi-common).
export { wordsOf };

/**
 * The label of a variable's field: the schema's `title` when the ClusterClass
 * gives one (CAPI's openAPIV3Schema has none, but a short one may come through
 * other sources), else the name in words. The description stays the help.
 */
export function labelOf(name: string, schema: VariableSchema): string {
  const title = text(schema.title);
  return title && title.length <= 80 ? title : wordsOf(name);
}

/** The field for one schema: enum → select, boolean → checkbox, number, text; nothing for objects and arrays. */
export function fieldFor(
  name: string,
  schema: VariableSchema,
): VariableField | undefined {
  const help = text(schema.description);
  const label = labelOf(name, schema);
  if (Array.isArray(schema.enum)) {
    return {
      kind: 'select',
      name,
      label,
      help,
      options: schema.enum.map(v => String(v)),
    };
  }
  switch (schema.type) {
    case 'boolean':
      return {
        kind: 'checkbox',
        name,
        label,
        help,
        defaultValue: schema.default === true,
      };
    case 'integer':
    case 'number':
      return {
        kind: 'number',
        name,
        label,
        help,
        integer: schema.type === 'integer',
      };
    case 'string':
      return { kind: 'text', name, label, help };
    default:
      return undefined;
  }
}

/** The fields for the variables a profile exposes, in the profile's order, that the class defines. */
export function exposedFields(
  exposed: readonly string[],
  clusterClass: ClusterClassSummary | undefined,
): VariableField[] {
  if (!clusterClass) return [];
  return exposed.flatMap(name => {
    const variable = clusterClass.variables.find(v => v.name === name);
    const field = variable && fieldFor(name, variable.schema);
    return field ? [field] : [];
  });
}

/** A typed value from a field's raw input; undefined clears it (the class default applies). */
export function valueOf(field: VariableField, raw: unknown): unknown {
  if (raw === '' || raw === undefined || raw === null) return undefined;
  if (field.kind === 'checkbox') return Boolean(raw);
  if (field.kind === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
  return String(raw);
}
