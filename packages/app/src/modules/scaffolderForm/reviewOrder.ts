import type { JsonObject, JsonValue } from '@backstage/types';

/** What the Review step knows of each form step. */
export interface ReviewStep {
  mergedSchema: JsonObject;
  uiSchema?: { 'ui:order'?: unknown };
}

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A step's properties in schema order, with those its `dependencies` add. */
function schemaProperties(schema: JsonObject): string[] {
  const names = isObject(schema.properties)
    ? Object.keys(schema.properties)
    : [];
  if (isObject(schema.dependencies)) {
    for (const dependency of Object.values(schema.dependencies)) {
      if (!isObject(dependency)) continue;
      const branches = Array.isArray(dependency.oneOf)
        ? dependency.oneOf
        : [dependency];
      for (const branch of branches) {
        if (isObject(branch)) names.push(...schemaProperties(branch));
      }
    }
  }
  return [...new Set(names)];
}

/** A step's fields as its form shows them: `ui:order` (with `*` for the rest), else schema order. */
function formOrder(step: ReviewStep): string[] {
  const properties = schemaProperties(step.mergedSchema);
  const order = step.uiSchema?.['ui:order'] ?? step.mergedSchema['ui:order'];
  if (!Array.isArray(order)) return properties;
  const listed = order.filter((n): n is string => typeof n === 'string');
  const rest = properties.filter(p => !listed.includes(p));
  return listed.flatMap(n => (n === '*' ? rest : [n]));
}

/**
 * The form's values in the order the form shows them, step by step, so the
 * Review table reads like the form (the scaffolder lists values in the
 * order they were first set: a deep link's fields first, defaults next,
 * fields that fill themselves last). Values of no step keep their place at
 * the end.
 */
export function inFormOrder(
  formState: JsonObject,
  steps: readonly ReviewStep[],
): JsonObject {
  const ordered: JsonObject = {};
  for (const step of steps) {
    for (const name of formOrder(step)) {
      if (name in formState && !(name in ordered)) {
        ordered[name] = formState[name];
      }
    }
  }
  for (const [name, value] of Object.entries(formState)) {
    if (!(name in ordered)) ordered[name] = value;
  }
  return ordered;
}
