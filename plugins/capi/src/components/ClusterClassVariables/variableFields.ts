import type {
  ClusterClassSummary,
  VariableSchema,
} from '@capstan/plugin-capi-common';

/** A form field generated from one ClusterClass variable's schema. */
export type VariableField =
  | { kind: 'select'; name: string; help?: string; options: string[] }
  | { kind: 'checkbox'; name: string; help?: string; defaultValue: boolean }
  | { kind: 'number'; name: string; help?: string; integer: boolean }
  | { kind: 'text'; name: string; help?: string };

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The field for one schema: enum → select, boolean → checkbox, number, text; nothing for objects and arrays. */
export function fieldFor(
  name: string,
  schema: VariableSchema,
): VariableField | undefined {
  const help = text(schema.description);
  if (Array.isArray(schema.enum)) {
    return {
      kind: 'select',
      name,
      help,
      options: schema.enum.map(v => String(v)),
    };
  }
  switch (schema.type) {
    case 'boolean':
      return {
        kind: 'checkbox',
        name,
        help,
        defaultValue: schema.default === true,
      };
    case 'integer':
    case 'number':
      return { kind: 'number', name, help, integer: schema.type === 'integer' };
    case 'string':
      return { kind: 'text', name, help };
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
