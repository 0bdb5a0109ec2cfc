import useAsync from 'react-use/esm/useAsync';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  CLUSTER_CLASSES_PATH,
  type ClusterClassesResponse,
} from '@capstan/plugin-capi-common';
import {
  findProfile,
  siblingValue,
  useProfiles,
} from '../ClusterProfilePicker/profiles';
import { exposedFields, valueOf, type VariableField } from './variableFields';

/** `ui:options` of `CapiClusterClassVariables`. */
export interface ClusterClassVariablesOptions {
  /** Form field holding the profile name; default `profile`. */
  profileField?: string;
}

type Values = Record<string, unknown>;

function VariableInput(props: {
  field: VariableField;
  value: unknown;
  onChange(value: unknown): void;
}) {
  const { field, value, onChange } = props;
  const id = `capi-variable-${field.name}`;
  // The variable's own name stays in the help, for whoever reads the ClusterClass.
  const helpText = `${
    field.help ? `${field.help} ` : ''
  }(ClusterClass variable ${field.name})`;
  const help = <FormHelperText id={`${id}-help`}>{helpText}</FormHelperText>;
  switch (field.kind) {
    case 'select':
      return (
        <FormControl fullWidth margin="normal">
          <InputLabel id={`${id}-label`}>{field.label}</InputLabel>
          <Select
            labelId={`${id}-label`}
            SelectDisplayProps={{ 'aria-describedby': `${id}-help` }}
            value={typeof value === 'string' ? value : ''}
            onChange={e => onChange(valueOf(field, e.target.value))}
          >
            <MenuItem value="">
              <em>ClusterClass default</em>
            </MenuItem>
            {field.options.map(o => (
              <MenuItem key={o} value={o}>
                {o}
              </MenuItem>
            ))}
          </Select>
          {help}
        </FormControl>
      );
    case 'checkbox':
      return (
        <FormControl fullWidth margin="normal">
          <FormControlLabel
            label={field.label}
            control={
              <Checkbox
                inputProps={{ 'aria-describedby': `${id}-help` }}
                checked={
                  typeof value === 'boolean' ? value : field.defaultValue
                }
                onChange={e => onChange(e.target.checked)}
              />
            }
          />
          {help}
        </FormControl>
      );
    default:
      return (
        <TextField
          fullWidth
          margin="normal"
          id={id}
          label={field.label}
          type={field.kind === 'number' ? 'number' : 'text'}
          value={value === undefined ? '' : String(value)}
          helperText={helpText}
          onChange={e => onChange(valueOf(field, e.target.value))}
        />
      );
  }
}

/**
 * `CapiClusterClassVariables`: a field per ClusterClass variable the chosen
 * profile exposes (`clusterClass.exposedVariables`), generated from the
 * class's schema as its management cluster reports it; the value is an
 * object of variable values by name.
 */
export function ClusterClassVariables(
  props: FieldExtensionComponentProps<Values, ClusterClassVariablesOptions>,
) {
  const { formData, onChange, uiSchema, formContext, schema } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const profiles = useProfiles();
  const profile = findProfile(
    profiles.value,
    siblingValue(formContext, options.profileField ?? 'profile'),
  );
  const discovery = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const exposed = profile?.exposedVariables ?? [];
  const clusterClass = useAsync(async () => {
    if (!profile?.clusterClass || exposed.length === 0) return undefined;
    const query = new URLSearchParams({
      managementCluster: profile.managementCluster,
      namespace: profile.clusterClassNamespace ?? profile.namespace,
      name: profile.clusterClass,
    });
    const response = await fetchApi.fetch(
      `${await discovery.getBaseUrl('capi')}${CLUSTER_CLASSES_PATH}?${query}`,
    );
    if (!response.ok) {
      throw new Error(`the capi backend answered HTTP ${response.status}`);
    }
    return ((await response.json()) as ClusterClassesResponse).items[0];
  }, [profile?.name]);

  const title = schema.title ?? 'Cluster settings';
  if (!profile || exposed.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {title}:{' '}
        {profile
          ? 'this profile has no settings to choose.'
          : 'choose a profile first.'}
      </Typography>
    );
  }
  if (clusterClass.loading) {
    return <Typography variant="body2">Loading {title}…</Typography>;
  }
  if (clusterClass.error || !clusterClass.value) {
    return (
      <Typography variant="body2" color="error">
        {title}: cannot read ClusterClass {profile.clusterClass} (
        {clusterClass.error?.message ?? 'not found in its management cluster'}
        ). The ClusterClass defaults apply.
      </Typography>
    );
  }
  const values: Values = formData ?? {};
  return (
    <div role="group" aria-label={title}>
      <Typography variant="subtitle1">{title}</Typography>
      {exposedFields(exposed, clusterClass.value).map(field => (
        <VariableInput
          key={field.name}
          field={field}
          value={values[field.name]}
          onChange={value => {
            const next = { ...values };
            if (value === undefined) delete next[field.name];
            else next[field.name] = value;
            onChange(next);
          }}
        />
      ))}
    </div>
  );
}
