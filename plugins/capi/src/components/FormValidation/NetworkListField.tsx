import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormHelperText from '@material-ui/core/FormHelperText';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { validateClusterNetwork } from '@capstan/plugin-capi-common';
import { addBackendProblems } from './newClusterProblems';

/** `ui:options` of `CapiNetworkList`. */
export interface NetworkListUiOptions {
  /** What one entry is called, e.g. "Pod network". */
  itemLabel?: string;
  /** An example block shown in the empty input, e.g. 192.168.0.0/16. */
  example?: string;
  /** Which list of the new-cluster request this is: `podCidrs` or `serviceCidrs`. */
  checks?: 'podCidrs' | 'serviceCidrs';
}

/** Whether one block alone is a valid CIDR (what marks its own input). */
export function isValidBlock(value: string): boolean {
  return validateClusterNetwork({ podCidrs: [value] }).length === 0;
}

/**
 * `CapiNetworkList`: a short list of CIDR blocks (pod or service networks),
 * each input labelled in words ("Pod network 1"), a malformed block marked on
 * its own input and every problem of the list (malformed, overlapping the
 * other list, too many of one IP family) under it, before Review.
 */
export function NetworkListField(
  props: FieldExtensionComponentProps<string[], NetworkListUiOptions>,
) {
  const { formData, onChange, schema, uiSchema, rawErrors, idSchema } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const title = schema.title ?? 'Networks';
  const itemLabel = options.itemLabel ?? 'Network';
  const values = formData ?? [];
  const errors = rawErrors ?? [];
  const id = idSchema?.$id ?? 'networks';
  const set = (next: string[]) => onChange(next.length ? next : undefined);
  return (
    <Box component="fieldset" border={0} p={0} m={0} mt={2}>
      <Typography component="legend" variant="subtitle1">
        {title}
      </Typography>
      {schema.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      {values.map((value, index) => {
        const bad = errors.length > 0 && value !== '' && !isValidBlock(value);
        return (
          <Box key={index} display="flex" alignItems="center" maxWidth={480}>
            <TextField
              id={`${id}-${index}`}
              label={`${itemLabel} ${index + 1}`}
              value={value}
              placeholder={options.example}
              onChange={e =>
                set(values.map((v, i) => (i === index ? e.target.value : v)))
              }
              error={bad}
              helperText={bad ? 'Not a CIDR block' : undefined}
              margin="dense"
              variant="outlined"
              fullWidth
              inputProps={{ spellCheck: false, maxLength: 64 }}
            />
            <IconButton
              aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
              onClick={() => set(values.filter((_, i) => i !== index))}
            >
              <DeleteIcon />
            </IconButton>
          </Box>
        );
      })}
      <Button
        startIcon={<AddIcon />}
        onClick={() => set([...values, ''])}
        disabled={values.length >= 2}
      >
        Add {itemLabel.toLowerCase()}
      </Button>
      {errors.map(error => (
        <FormHelperText key={error} error role="alert">
          {error}
        </FormHelperText>
      ))}
    </Box>
  );
}

/**
 * The list's problems from the scaffolder module, which checks it together
 * with the other list (overlaps) as the render action will. A validator is
 * not told its field's name, so `ui:options.checks` says which list it is.
 */
export const validateNetworkList: CustomFieldValidator<
  string[],
  NetworkListUiOptions
> = async (_value, field, context) => {
  const checks = context.uiSchema?.['ui:options']?.checks;
  if (!checks) return;
  await addBackendProblems(checks, field, context.apiHolder, context.formData);
};
