import { useState } from 'react';
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
import { addBackendProblems } from './newClusterProblems';
import { useAfterPress } from './useAfterPress';
import {
  anyNetworkInputProblem,
  networkInputProblems,
  type NetworkListName,
  type NetworkLists,
} from './networkInputProblems';

/** `ui:options` of `CapiNetworkList`. */
export interface NetworkListUiOptions {
  /** What one entry is called, e.g. "Pod network". */
  itemLabel?: string;
  /** An example block shown in the empty input, e.g. 192.168.0.0/16. */
  example?: string;
  /** Which list of the new-cluster request this is: `podCidrs` or `serviceCidrs`. */
  checks?: NetworkListName;
}

/** Both network lists: this field's value and the other list from the form. */
function listsOf(
  checks: NetworkListName | undefined,
  values: string[],
  formData: unknown,
): NetworkLists {
  const form = (formData ?? {}) as NetworkLists;
  return checks ? { ...form, [checks]: values } : { podCidrs: values };
}

/**
 * `CapiNetworkList`: a short list of CIDR blocks (pod or service networks),
 * each input labelled in words ("Pod network 1"). A block that is not one,
 * or that overlaps a network entered before it (in either list), is marked on
 * its own input in a sentence as soon as the user leaves the input, and on
 * every input after Next; problems that belong to no single input (from the
 * scaffolder module's check) are shown once under the list.
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
  const [left, setLeft] = useState<ReadonlySet<number>>(new Set());
  const afterPress = useAfterPress();
  const formValues = (props.formContext as { formData?: unknown } | undefined)
    ?.formData;
  const inputProblems = networkInputProblems(
    options.checks ?? 'podCidrs',
    listsOf(options.checks, values, formValues),
  );
  const onInputs = new Set(inputProblems.values());
  // After Next every input shows its problem; the list's own errors are the
  // same sentences (see validateNetworkList) and are not repeated below.
  const submitted = errors.length > 0;
  const below = [...new Set(errors)].filter(e => e.trim() && !onInputs.has(e));
  const set = (next: string[]) => onChange(next.length ? next : undefined);
  const remove = (index: number) => {
    set(values.filter((_, i) => i !== index));
    setLeft(
      new Set(
        [...left].filter(i => i !== index).map(i => (i > index ? i - 1 : i)),
      ),
    );
  };
  return (
    <Box id={id} component="fieldset" border={0} p={0} m={0} mt={2}>
      <Typography component="legend" variant="subtitle1">
        {title}
      </Typography>
      {schema.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      {values.map((value, index) => {
        const problem =
          left.has(index) || submitted ? inputProblems.get(index) : undefined;
        return (
          <Box
            key={index}
            display="flex"
            alignItems="flex-start"
            maxWidth={560}
          >
            <TextField
              id={`${id}-${index}`}
              label={`${itemLabel} ${index + 1}`}
              value={value}
              placeholder={options.example}
              onChange={e =>
                set(values.map((v, i) => (i === index ? e.target.value : v)))
              }
              onBlur={() =>
                afterPress(() => setLeft(was => new Set(was).add(index)))
              }
              error={!!problem}
              helperText={problem}
              FormHelperTextProps={problem ? { role: 'alert' } : undefined}
              margin="dense"
              variant="outlined"
              fullWidth
              inputProps={{ spellCheck: false, maxLength: 64 }}
            />
            <Box mt={1}>
              <IconButton
                aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
                onClick={() => remove(index)}
              >
                <DeleteIcon />
              </IconButton>
            </Box>
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
      {below.map(error => (
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
> = async (value, field, context) => {
  const checks = context.uiSchema?.['ui:options']?.checks;
  if (!checks) return;
  const lists = listsOf(checks, value ?? [], context.formData);
  // The sentences the inputs show: the same text, so the field shows it once.
  for (const problem of networkInputProblems(checks, lists).values()) {
    field.addError(problem);
  }
  // The backend repeats these checks; ask it once the inputs are right, so
  // an overlap is not told a second time in its words.
  if (anyNetworkInputProblem(lists)) return;
  await addBackendProblems(checks, field, context.apiHolder, context.formData);
};
