import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';

/** The props the scaffolder's form passes to a field, with what a test needs to vary. */
export function fieldProps<T, O = {}>(
  overrides: Partial<FieldExtensionComponentProps<T, O>> & {
    formContextData?: Record<string, unknown>;
    uiOptions?: O;
  },
): FieldExtensionComponentProps<T, O> {
  const { formContextData, uiOptions, ...rest } = overrides;
  return {
    name: 'field',
    schema: {},
    uiSchema: { 'ui:options': uiOptions ?? {} },
    idSchema: { $id: 'root_field' },
    onChange: jest.fn(),
    onBlur: jest.fn(),
    onFocus: jest.fn(),
    disabled: false,
    readonly: false,
    rawErrors: [],
    registry: {},
    formContext: { formData: formContextData ?? {} },
    ...rest,
  } as unknown as FieldExtensionComponentProps<T, O>;
}
