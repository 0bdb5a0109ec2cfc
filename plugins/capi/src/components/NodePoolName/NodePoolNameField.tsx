import TextField from '@material-ui/core/TextField';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  day2FieldValidator,
  problemProps,
  useDay2FieldProblems,
} from '../ChangePreview/day2FieldProblems';

/** `ui:options` of `CapiNodePoolName`. */
export interface NodePoolNameUiOptions {
  /** The day-2 change the form makes, e.g. `capi-add-node-pool`. */
  change?: string;
}

/**
 * `CapiNodePoolName`: the name of a new node pool. What the change's dry run
 * refuses about the name (a pool the cluster already has, a reserved name,
 * its shape) is said here as the user types, and again on Next/Review.
 */
export function NodePoolNameField(
  props: FieldExtensionComponentProps<string, NodePoolNameUiOptions>,
) {
  const { formData, onChange, schema, rawErrors, required, idSchema } = props;
  const problems = useDay2FieldProblems(
    props.uiSchema?.['ui:options']?.change,
    'pool',
    props.formContext,
    rawErrors,
  );
  return (
    <TextField
      id={idSchema?.$id ?? 'pool-name'}
      label={schema.title ?? 'Pool name'}
      value={formData ?? ''}
      onChange={e => onChange(e.target.value || undefined)}
      required={required}
      fullWidth
      margin="normal"
      inputProps={{ maxLength: schema.maxLength }}
      {...problemProps(problems, schema.description)}
    />
  );
}

/** The dry run's problems of the name, on this input (on Next/Review). */
export const validateNodePoolName = day2FieldValidator<string>('pool');
