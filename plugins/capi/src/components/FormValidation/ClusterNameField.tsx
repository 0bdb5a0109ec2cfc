import TextField from '@material-ui/core/TextField';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import {
  MAX_CLUSTER_NAME_LENGTH,
  validateDnsLabel,
} from '@capstan/plugin-capi-common';
import { addBackendProblems, asSentence } from './newClusterProblems';

const RULE =
  "Lower case letters, digits and '-', starting and ending with a letter or digit; at most 63 characters. Unique in its management cluster.";

/**
 * `CapiClusterName`: the new cluster's name. Its rule is said in words, and
 * a name that is malformed or already taken in the management cluster is
 * marked here, before Review.
 */
export function ClusterNameField(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, schema, rawErrors, required, idSchema } = props;
  const errors = rawErrors ?? [];
  return (
    <TextField
      id={idSchema?.$id ?? 'cluster-name'}
      label={schema.title ?? 'Cluster name'}
      value={formData ?? ''}
      onChange={e => onChange(e.target.value || undefined)}
      required={required}
      fullWidth
      margin="normal"
      variant="outlined"
      autoComplete="off"
      inputProps={{ spellCheck: false, maxLength: 200 }}
      error={errors.length > 0}
      helperText={
        errors.length > 0 ? errors.join(' ') : schema.description ?? RULE
      }
      FormHelperTextProps={{ role: errors.length > 0 ? 'alert' : undefined }}
    />
  );
}

/**
 * The name's shape is checked here at once; whether it is free (and what the
 * profile's provider derives from it) by the scaffolder module.
 */
export const validateClusterName: CustomFieldValidator<string> = async (
  value,
  field,
  context,
) => {
  const local = validateDnsLabel(
    'the cluster name',
    value ?? '',
    MAX_CLUSTER_NAME_LENGTH,
  );
  if (local.length > 0) {
    local.forEach(problem => field.addError(asSentence(problem)));
    return;
  }
  await addBackendProblems('name', field, context.apiHolder, context.formData);
};
