import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  defaultTeam,
  myGroupRefs,
  teamOptions,
  type TeamOption,
} from './teamOptions';

/**
 * `CapiTeamOwnerPicker`: the team that owns the new cluster. Opened from
 * /create it starts with the user's own team (from the identity's ownership
 * refs); opened from an entity page it keeps the owner the link filled in.
 * The user's teams are listed first, under "Your teams".
 */
export function TeamOwnerPicker(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, schema, rawErrors, required, idSchema } = props;
  const catalog = useApi(catalogApiRef);
  const identity = useApi(identityApiRef);
  const {
    value: options,
    loading,
    error,
  } = useAsync(async (): Promise<TeamOption[]> => {
    const [{ ownershipEntityRefs }, { items }] = await Promise.all([
      identity.getBackstageIdentity(),
      catalog.getEntities({
        filter: { kind: 'Group' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
        ],
      }),
    ]);
    return teamOptions(items, myGroupRefs(ownershipEntityRefs));
  }, [catalog, identity]);

  const preferred = options ? defaultTeam(options) : undefined;
  useEffect(() => {
    if (!formData && preferred) onChange(preferred);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preferred]);

  const selected =
    options?.find(o => o.ref === formData) ??
    (formData ? { ref: formData, label: formData, mine: false } : null);
  const errors = rawErrors ?? [];
  const helper = error
    ? `Could not load the teams: ${error.message}`
    : errors.join(' ') || schema.description;
  return (
    <Autocomplete<TeamOption>
      id={idSchema?.$id ?? 'owner'}
      options={options ?? []}
      loading={loading}
      value={selected}
      groupBy={o => (o.mine ? 'Your teams' : 'Other teams')}
      getOptionLabel={o => o.label}
      getOptionSelected={(a, b) => a.ref === b.ref}
      onChange={(_, option) => onChange(option?.ref)}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Owner'}
          required={required}
          margin="normal"
          variant="outlined"
          error={errors.length > 0 || !!error}
          helperText={helper}
        />
      )}
    />
  );
}
