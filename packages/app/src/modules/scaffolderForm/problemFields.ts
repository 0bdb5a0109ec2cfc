import type { RJSFSchema, RJSFValidationError } from '@rjsf/utils';

/** A field of the step that has at least one problem. */
export interface ProblemField {
  /** The DOM id rjsf gives the field (`root_<property>`). */
  id: string;
  /** The field's title from the template, in words. */
  title: string;
}

/** `podCidrs` → `Pod cidrs`: a name read aloud when a field has no title. */
function words(property: string): string {
  const text = property
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function titleOf(schema: RJSFSchema, property: string): string | undefined {
  const found = schema.properties?.[property];
  if (found && typeof found === 'object' && typeof found.title === 'string') {
    return found.title;
  }
  for (const nested of [
    ...Object.values(schema.dependencies ?? {}),
    ...(schema.allOf ?? []),
  ]) {
    if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
      for (const branch of [nested, ...(nested.oneOf ?? [])]) {
        if (branch && typeof branch === 'object') {
          const title = titleOf(branch as RJSFSchema, property);
          if (title) return title;
        }
      }
    }
  }
  return undefined;
}

/** The top-level property an error belongs to: `.podCidrs.0` → `podCidrs`. */
function topProperty(error: RJSFValidationError): string | undefined {
  const path = (error.property ?? '').replace(/^\./, '');
  const first = path.split(/[.[]/)[0]?.replace(/['"\]]/g, '');
  return first ? first : undefined;
}

/**
 * The fields of a step with problems, each once and by its title, how many
 * problems they have, and the problems that belong to no single field. The problems' own texts are shown
 * on the fields; the summary only names where they are.
 */
export function problemFields(
  errors: RJSFValidationError[],
  schema: RJSFSchema,
): { fields: ProblemField[]; formProblems: string[]; fieldProblems: number } {
  const fields = new Map<string, ProblemField>();
  const formProblems = new Set<string>();
  // Each problem once, also when a field reports it twice.
  const fieldProblems = new Set<string>();
  for (const error of errors) {
    const property = topProperty(error);
    if (property) {
      if (error.message?.trim()) {
        fieldProblems.add(`${property}\n${error.message.trim()}`);
      }
      if (!fields.has(property)) {
        fields.set(property, {
          id: `root_${property}`,
          title: titleOf(schema, property) ?? words(property),
        });
      }
    } else if (error.message?.trim()) {
      // Schema keywords (oneOf, dependencies) say nothing to a user.
      formProblems.add(
        /\b(oneOf|anyOf|allOf|schema|dependencies)\b/.test(error.message)
          ? 'Some answers on this step do not fit together; check the choices above.'
          : error.message.trim(),
      );
    }
  }
  return {
    fields: [...fields.values()],
    formProblems: [...formProblems],
    // At least one per field: a field marked with an empty message still needs a change.
    fieldProblems: Math.max(fieldProblems.size, fields.size),
  };
}
