import { useEffect, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import Autocomplete, {
  createFilterOptions,
} from '@material-ui/lab/Autocomplete';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { describeCapiError } from '../../api/CapiClient';
import type {
  ClusterPickerAction,
  ClusterPickerUiOptions,
  PickableCluster,
} from './pickableClusters';
import { clusterLabel, usePickableClusters } from './usePickableClusters';
import { placeOf } from '../ClusterList/clusterAttention';

export {
  canPick,
  loadPickableClusters,
  type ClusterPickerAction,
  type ClusterPickerUiOptions,
  type PickableCluster,
  type PickableClusters,
} from './pickableClusters';

/** Typing finds a cluster by its name, namespace or management cluster. */
const filterOptions = createFilterOptions<PickableCluster>({
  stringify: c =>
    [c.name, c.namespace, c.managementCluster, c.managementClusterTitle]
      .filter(Boolean)
      .join(' '),
});

const HIDDEN_REASON: Record<ClusterPickerAction | 'any', string> = {
  any: 'not managed through Git',
  upgrade: 'not managed through Git or with no newer version allowed',
  'scale-node-pool': 'not managed through Git or without node pools',
  'remove-node-pool': 'not managed through Git or without node pools',
  'add-node-pool': 'not managed through Git',
  decommission: 'not managed through Git',
};

/**
 * What the field says when a link named a cluster the user cannot change
 * here: one that does not exist, another team's (never revealed which), or
 * one the template cannot change.
 */
export const UNLISTED_LINKED_CLUSTER =
  'The link named a cluster you cannot change here: it does not exist, it belongs to a team you are not in, or this change does not apply to it. Pick one of the clusters listed.';

/**
 * `CapiClusterPicker`: a cluster for day-2 templates. Shows clusters by name
 * (with namespace and management cluster when a name is ambiguous); its
 * value is the `managementCluster/namespace/name` ref the actions read.
 */
export function ClusterPicker(
  props: FieldExtensionComponentProps<string, ClusterPickerUiOptions>,
) {
  const {
    formData,
    onChange,
    rawErrors,
    required,
    schema,
    idSchema,
    disabled,
    uiSchema,
  } = props;
  const action = uiSchema?.['ui:options']?.action;
  const { options, ambiguous, hidden, scope, total, owned, loading, error } =
    usePickableClusters(action);
  const selected = options.find(c => c.id === formData) ?? null;
  // A linked cluster that is not offered is dropped (so the other fields do
  // not load it), and the field says why.
  const [unlisted, setUnlisted] = useState(false);
  const linkedButUnlisted =
    !loading && !error && !!formData && !selected && total !== undefined;
  useEffect(() => {
    if (linkedButUnlisted) {
      setUnlisted(true);
      onChange(undefined);
    }
  }, [linkedButUnlisted, onChange]);
  let helper: string;
  if (unlisted && !selected) {
    helper = UNLISTED_LINKED_CLUSTER;
  } else if (error) {
    helper = `Could not load clusters: ${describeCapiError(error)}`;
  } else if (total === 0) {
    helper = 'None of your groups owns a cluster yet.';
  } else {
    if (schema.description) {
      helper = schema.description;
    } else {
      helper =
        scope === 'fleet'
          ? 'Any cluster of the fleet (yours first).'
          : 'Clusters your groups own.';
    }
    if (hidden > 0) {
      helper += ` ${hidden} ${
        hidden === 1 ? 'cluster is' : 'clusters are'
      } not listed: ${HIDDEN_REASON[action ?? 'any']}.`;
    }
  }

  return (
    <Autocomplete<PickableCluster>
      id={idSchema?.$id ?? 'capi-cluster'}
      options={options}
      loading={loading}
      disabled={disabled}
      value={selected}
      groupBy={
        scope === 'fleet'
          ? c => (owned(c) ? 'Your clusters' : 'Other clusters')
          : undefined
      }
      getOptionLabel={c => clusterLabel(c, ambiguous)}
      getOptionSelected={(a, b) => a.id === b.id}
      filterOptions={filterOptions}
      renderOption={c => (
        <span>
          <strong>{c.name}</strong>
          {ambiguous.has(c.name) && ` (${placeOf(c)})`} · {c.status}
          {c.stale ? ' (stale)' : ''}
          {c.actualVersion || c.desiredVersion
            ? ` · Kubernetes ${c.actualVersion ?? c.desiredVersion}`
            : ''}
        </span>
      )}
      onChange={(_, c) => {
        setUnlisted(false);
        onChange(c?.id);
      }}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Cluster'}
          margin="normal"
          required={required}
          error={
            !!error || (unlisted && !selected) || (rawErrors?.length ?? 0) > 0
          }
          helperText={helper}
        />
      )}
    />
  );
}
