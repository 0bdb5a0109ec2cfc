import type { ReactNode } from 'react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import {
  machineSizeInWords,
  machineSizeTitle,
  type MachineSizeDescription,
} from '@capstan/plugin-capi-common';

/** A size a profile offers, with what it is for. */
export type MachineSizeOption = MachineSizeDescription & {
  description?: string;
};

export interface MachineSizeSelectProps {
  id: string;
  label: string;
  /** The size's name; one no profile describes is shown as such. */
  value?: string;
  sizes: readonly MachineSizeOption[];
  onChange: (name: string) => void;
  error?: boolean;
  disabled?: boolean;
  required?: boolean;
  /** Ids of the sentences that describe the field's problems. */
  describedBy?: string;
  helperText?: ReactNode;
  className?: string;
  variant?: 'standard' | 'outlined';
  size?: 'small' | 'medium';
  fullWidth?: boolean;
  margin?: 'none' | 'normal';
}

/**
 * A machine size of a profile, by its title in words ("Medium (4 vCPU,
 * 16 GiB)"); the open menu adds what each size is for. The node pool
 * editor's rows and the add-node-pool form pick sizes with it.
 */
export function MachineSizeSelect(props: MachineSizeSelectProps) {
  const { id, sizes, value } = props;
  const known = !!value && sizes.some(s => s.name === value);
  return (
    <FormControl
      className={props.className}
      size={props.size}
      variant={props.variant}
      fullWidth={props.fullWidth}
      margin={props.margin}
      disabled={props.disabled}
      error={props.error}
      required={props.required}
    >
      <InputLabel id={`${id}-label`}>{props.label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={props.label}
        // A recorded size no profile offers stays visible, marked as such.
        value={value && (known || sizes.length > 0) ? value : ''}
        onChange={e => props.onChange(e.target.value as string)}
        SelectDisplayProps={
          {
            'aria-describedby': props.describedBy || undefined,
          } as object
        }
        // The menu explains each size; the closed field only names it.
        renderValue={name => machineSizeInWords(String(name), sizes)}
      >
        {value && !known && sizes.length > 0 && (
          <MenuItem value={value} disabled>
            {machineSizeInWords(value, sizes)}
          </MenuItem>
        )}
        {sizes.map(s => (
          <MenuItem key={s.name} value={s.name}>
            {machineSizeTitle(s)}
            {s.description ? ` — ${s.description}` : ''}
          </MenuItem>
        ))}
      </Select>
      {props.helperText && <FormHelperText>{props.helperText}</FormHelperText>}
    </FormControl>
  );
}
