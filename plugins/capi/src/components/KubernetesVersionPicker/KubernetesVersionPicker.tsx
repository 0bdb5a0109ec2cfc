import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useApi } from '@backstage/core-plugin-api';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { parseClusterRef } from '@capstan/plugin-capi-common';
import { describeCapiError } from '../../api/CapiClient';
import { capiApiRef } from '../../api';
import { addDay2Problems } from '../ChangePreview/validateChangePreview';
import {
  findProfile,
  siblingValue,
  useProfiles,
} from '../ClusterProfilePicker/profiles';

/** `ui:options` of `CapiKubernetesVersionPicker`. */
export interface KubernetesVersionPickerOptions {
  /** Form field holding the profile name: offer the profile's versions. */
  profileField?: string;
  /** Form field holding a `mc/namespace/name` cluster ref: offer only that cluster's next versions. */
  upgradeFromCluster?: string;
}

/**
 * What versions to offer and why: for an upgrade, the cluster's
 * `upgradeOptions` (no downgrade, no skipped minor); for a new cluster, the
 * profile's allowed versions.
 */
interface VersionChoices {
  versions: string[];
  defaultVersion?: string;
  hint: string;
  error?: boolean;
}

function useVersionChoices(
  options: KubernetesVersionPickerOptions,
  formContext: unknown,
): VersionChoices {
  const api = useApi(capiApiRef);
  const profiles = useProfiles();
  const clusterValue = siblingValue(formContext, options.upgradeFromCluster);
  const cluster = useAsync(async () => {
    if (
      !options.upgradeFromCluster ||
      typeof clusterValue !== 'string' ||
      !clusterValue
    ) {
      return undefined;
    }
    return api.getCluster(parseClusterRef(clusterValue));
  }, [api, options.upgradeFromCluster, clusterValue]);

  if (options.upgradeFromCluster) {
    if (!clusterValue)
      return { versions: [], hint: 'Choose the cluster first.' };
    if (cluster.loading) return { versions: [], hint: 'Loading the cluster…' };
    if (cluster.error)
      return {
        versions: [],
        hint: `Could not load the cluster: ${describeCapiError(cluster.error)}`,
        error: true,
      };
    const c = cluster.value;
    if (!c) return { versions: [], hint: '' };
    return {
      versions: c.upgradeOptions,
      defaultVersion: undefined,
      hint: c.upgradeOptions.length
        ? `${c.name} runs ${
            c.actualVersion ?? c.desiredVersion ?? 'an unknown version'
          }; these are the versions it can go to next.`
        : `${c.name} runs ${
            c.actualVersion ?? c.desiredVersion
          }; its profile allows no newer version.`,
    };
  }
  const profileName = siblingValue(formContext, options.profileField);
  if (profiles.error)
    return {
      versions: [],
      hint: `Could not load cluster profiles: ${describeCapiError(
        profiles.error,
      )}`,
      error: true,
    };
  const profile = findProfile(profiles.value, profileName);
  if (options.profileField && !profile) {
    return {
      versions: [],
      hint: profiles.loading
        ? 'Loading profiles…'
        : 'Choose a cluster profile first.',
    };
  }
  const versions = profile
    ? profile.kubernetesVersions
    : [...new Set((profiles.value ?? []).flatMap(p => p.kubernetesVersions))];
  return {
    versions,
    defaultVersion: profile?.defaultKubernetesVersion,
    hint: profile ? `Versions the ${profile.title} profile allows.` : '',
  };
}

/** `CapiKubernetesVersionPicker`. */
export function KubernetesVersionPicker(
  props: FieldExtensionComponentProps<string, KubernetesVersionPickerOptions>,
) {
  const {
    formData,
    onChange,
    rawErrors,
    required,
    schema,
    uiSchema,
    idSchema,
    disabled,
    formContext,
  } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const { versions, defaultVersion, hint, error } = useVersionChoices(
    options,
    formContext,
  );
  const id = idSchema?.$id ?? 'capi-kubernetes-version';
  const problems = rawErrors ?? [];

  // Pre-select the profile's default; drop a choice the profile no longer allows.
  useEffect(() => {
    if (formData && versions.length > 0 && !versions.includes(formData)) {
      onChange(undefined);
    } else if (
      !formData &&
      defaultVersion &&
      versions.includes(defaultVersion)
    ) {
      onChange(defaultVersion);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [versions.join(','), defaultVersion]);

  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      disabled={disabled || versions.length === 0}
      error={!!error || problems.length > 0}
    >
      <InputLabel id={`${id}-label`}>
        {schema.title ?? 'Kubernetes version'}
      </InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={formData && versions.includes(formData) ? formData : ''}
        onChange={e => onChange(e.target.value as string)}
      >
        {versions.map(v => (
          <MenuItem key={v} value={v}>
            {v}
            {v === defaultVersion ? ' (default)' : ''}
          </MenuItem>
        ))}
      </Select>
      <FormHelperText role={problems.length > 0 ? 'alert' : undefined}>
        {problems.length > 0 ? problems.join(' ') : hint || schema.description}
      </FormHelperText>
    </FormControl>
  );
}

/**
 * In an upgrade form (`upgradeFromCluster` set), what the upgrade's dry run
 * refuses about the chosen version is marked on the picker, before Review.
 */
export const validateKubernetesVersion: CustomFieldValidator<
  string,
  KubernetesVersionPickerOptions
> = async (_value, field, context) => {
  if (!context.uiSchema?.['ui:options']?.upgradeFromCluster) return;
  await addDay2Problems(
    'capi-upgrade-kubernetes',
    ['kubernetesVersion'],
    field,
    context.apiHolder,
    context.formData as Record<string, unknown> | undefined,
  );
};
