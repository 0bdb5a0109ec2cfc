import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { poolNowInWords, poolStartValues } from './currentPool';
import { useCurrentPool, useStartValue } from './useCurrentPool';

/**
 * `CapiScalingMode`: how a pool scales (`fixed` or `autoscaled`, the
 * schema's enum and enumNames). It starts as the pool the form names runs
 * now, and says how that is, so a Scale form opens on the pool's own
 * settings rather than on a default.
 */
export function ScalingModeField(props: FieldExtensionComponentProps<string>) {
  const {
    formData,
    onChange,
    schema,
    rawErrors,
    required,
    idSchema,
    formContext,
    disabled,
  } = props;
  const { pool } = useCurrentPool(formContext);
  const { userChanged } = useStartValue(
    pool ? poolStartValues(pool).scaling : undefined,
    formData,
    onChange,
  );
  const values = (schema.enum ?? []).map(String);
  const names = (schema as { enumNames?: string[] }).enumNames ?? values;
  const errors = rawErrors ?? [];
  let helper = schema.description;
  if (pool) helper = poolNowInWords(pool);
  if (errors.length > 0) helper = errors.join(' ');
  return (
    <TextField
      id={idSchema?.$id ?? 'scaling'}
      select
      label={schema.title ?? 'Scaling'}
      value={formData ?? ''}
      onChange={e => {
        userChanged();
        onChange(e.target.value || undefined);
      }}
      required={required}
      disabled={disabled}
      fullWidth
      margin="normal"
      error={errors.length > 0}
      helperText={helper}
    >
      {values.map((value, i) => (
        <MenuItem key={value} value={value}>
          {names[i] ?? value}
        </MenuItem>
      ))}
    </TextField>
  );
}
