import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import type { FormField } from '@backstage/plugin-scaffolder-react/alpha';

const FORM_FIELD_TYPE = '@backstage/scaffolder/FormField';

/**
 * A form field from the scaffolder's form fields API (FormFieldBlueprint
 * extensions) as the options the scaffolder's `Workflow` takes. The public
 * type is opaque; `createFormField` (scaffolder-react 3.0) returns the options
 * themselves tagged with a type and version, which the scaffolder's own
 * templates page reads the same way. A field of another shape is refused
 * with the reason rather than dropped.
 */
export function formFieldExtension(field: FormField): FieldExtensionOptions {
  const value = field as unknown as Partial<FieldExtensionOptions> & {
    $$type?: string;
    version?: string;
  };
  if (
    value.$$type !== FORM_FIELD_TYPE ||
    value.version !== 'v1' ||
    typeof value.name !== 'string' ||
    !value.component
  ) {
    throw new TypeError(
      `Unsupported scaffolder form field (expected ${FORM_FIELD_TYPE} v1 with a name and a component)`,
    );
  }
  return {
    name: value.name,
    component: value.component,
    validation: value.validation,
    schema: value.schema,
  };
}
