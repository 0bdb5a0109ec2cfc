import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { capiApiRef } from '../../api';
import { describeCapiError } from '../../api/CapiClient';
import { siblingValue } from '../ClusterProfilePicker/profiles';
import { resolveProfile } from '../NodePoolsEditor/NodePoolsEditor';
import { MachineSizeSelect } from './MachineSizeSelect';

/** `ui:options` of `CapiMachineSizePicker`. */
export interface MachineSizePickerUiOptions {
  /** Form field holding a `mc/namespace/name` cluster ref whose profile's sizes are offered (default `cluster`). */
  clusterField?: string;
  /** Form field holding a profile name, instead of a cluster. */
  profileField?: string;
  /** The day-2 change the form makes (e.g. `capi-add-node-pool`): its dry run's problems of the size are marked here on Next/Review. */
  change?: string;
}

/**
 * `CapiMachineSizePicker`: a machine size of the cluster's profile, picked
 * by its title in words as in the new-cluster form's node pool editor; the
 * value is the size's name, which the actions take.
 */
export function MachineSizePicker(
  props: FieldExtensionComponentProps<string, MachineSizePickerUiOptions>,
) {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    formContext,
    rawErrors,
    required,
    disabled,
    idSchema,
  } = props;
  const api = useApi(capiApiRef);
  const ui = uiSchema?.['ui:options'] ?? {};
  const options = {
    clusterField: ui.profileField
      ? ui.clusterField
      : ui.clusterField ?? 'cluster',
    profileField: ui.profileField,
  };
  const form = (formContext as { formData?: unknown } | undefined)?.formData;
  const cluster = siblingValue(formContext, options.clusterField);
  const profileName = siblingValue(formContext, options.profileField);
  const profile = useAsync(
    () => resolveProfile(api, options, form),
    [api, cluster, profileName],
  );
  const errors = (rawErrors ?? []).filter(e => e.trim());
  let helper = schema.description;
  if (profile.error) {
    helper = `Could not load the cluster's sizes: ${describeCapiError(
      profile.error,
    )}`;
  } else if (!profile.loading && !profile.value) {
    helper = options.profileField
      ? 'Choose a cluster profile first to see its machine sizes.'
      : 'Choose a cluster first to see the machine sizes of its profile.';
  }
  if (errors.length > 0) helper = errors.join(' ');
  return (
    <MachineSizeSelect
      id={idSchema?.$id ?? 'machine-size'}
      label={schema.title ?? 'Machine size'}
      value={formData}
      sizes={profile.value?.machineSizes ?? []}
      onChange={name => onChange(name || undefined)}
      required={required}
      disabled={disabled}
      error={errors.length > 0 || !!profile.error}
      helperText={helper}
      fullWidth
      margin="normal"
    />
  );
}
