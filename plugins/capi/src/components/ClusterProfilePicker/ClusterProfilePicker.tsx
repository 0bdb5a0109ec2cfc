import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import LinearProgress from '@material-ui/core/LinearProgress';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useProfiles } from './profiles';
import { describeCapiError } from '../../api/CapiClient';

/** `CapiClusterProfilePicker`: one of the cluster profiles the platform team curates. */
export function ClusterProfilePicker(
  props: FieldExtensionComponentProps<string>,
) {
  const {
    formData,
    onChange,
    rawErrors,
    required,
    schema,
    idSchema,
    disabled,
  } = props;
  const { value: profiles, loading, error } = useProfiles();
  const id = idSchema?.$id ?? 'capi-profile';
  const selected = profiles?.find(p => p.name === formData);
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={!!error || (rawErrors?.length ?? 0) > 0}
      disabled={disabled}
    >
      <InputLabel id={`${id}-label`}>
        {schema.title ?? 'Cluster profile'}
      </InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={selected ? formData : ''}
        renderValue={value =>
          profiles?.find(p => p.name === value)?.title ?? String(value)
        }
        onChange={e => onChange(e.target.value as string)}
      >
        {(profiles ?? []).map(p => (
          <MenuItem key={p.name} value={p.name}>
            <ListItemText
              primary={p.title}
              secondary={[
                p.description,
                `${p.provider ?? p.mode} · ${p.kubernetesVersions.join(', ')}`,
              ]
                .filter(Boolean)
                .join(' — ')}
            />
          </MenuItem>
        ))}
      </Select>
      {loading && <LinearProgress aria-label="Loading cluster profiles" />}
      <FormHelperText>
        {error
          ? `Could not load cluster profiles: ${describeCapiError(error)}`
          : selected?.description ??
            schema.description ??
            'Where and how the cluster runs'}
      </FormHelperText>
    </FormControl>
  );
}
