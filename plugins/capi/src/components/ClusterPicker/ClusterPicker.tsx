import useAsync from 'react-use/esm/useAsync';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useApi } from '@backstage/core-plugin-api';
import { coreApis } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  CAPI_PAGE_LIMITS,
  type ClusterListItem,
  type ClusterSummary,
} from '@capstan/plugin-capi-common';
import { describeCapiError } from '../../api/CapiClient';
import { capiApiRef, type CapiApi } from '../../api';

/** A cluster the picker offers: from the fleet page or an entity's list (no machines needed). */
export type PickableCluster = ClusterListItem | ClusterSummary;

/** Every cluster linked to an entity, read a page (of the maximum size) at a time. */
async function allEntityClusters(
  api: CapiApi,
  entityRef: string,
): Promise<ClusterListItem[]> {
  const items: ClusterListItem[] = [];
  for (;;) {
    const page = await api.getEntityClusters(entityRef, {
      offset: items.length,
      limit: CAPI_PAGE_LIMITS.clusters.max,
    });
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

export interface PickableClusters {
  clusters: PickableCluster[];
  /** `fleet` when the user may read the whole fleet, else `owned`. */
  scope: 'fleet' | 'owned';
  ownershipRefs: string[];
}

/**
 * Clusters the user may pick: the whole fleet for people allowed to read it
 * (the backend answers `/fleet` with 403 otherwise), else the clusters linked
 * to the user and their groups.
 */
export async function loadPickableClusters(
  api: CapiApi,
  ownershipRefs: string[],
): Promise<PickableClusters> {
  try {
    const fleet = await api.getFleetSummaries({ limit: 500 });
    return { clusters: fleet.items, scope: 'fleet', ownershipRefs };
  } catch (error) {
    if (!(error instanceof ResponseError) || error.statusCode !== 403) {
      throw error;
    }
  }
  // Ownership refs need not exist in the catalog (a user without a User
  // entity, say): the backend answers 404 for those, which means "no clusters".
  const results = await Promise.allSettled(
    ownershipRefs.map(ref => allEntityClusters(api, ref)),
  );
  const byId = new Map<string, PickableCluster>();
  for (const result of results) {
    if (result.status === 'fulfilled') {
      for (const cluster of result.value) byId.set(cluster.id, cluster);
    } else if (
      !(result.reason instanceof ResponseError) ||
      result.reason.statusCode !== 404
    ) {
      throw result.reason;
    }
  }
  return { clusters: [...byId.values()], scope: 'owned', ownershipRefs };
}

/** What the template does to the picked cluster (`ui:options.action`). */
export type ClusterPickerAction =
  | 'upgrade'
  | 'scale-node-pool'
  | 'add-node-pool'
  | 'remove-node-pool'
  | 'decommission';

export interface ClusterPickerUiOptions {
  action?: ClusterPickerAction;
}

/**
 * Whether a day-2 template can change the cluster: its folder must be in the
 * GitOps repository, and the action must have something to do (an allowed
 * newer version to upgrade to, a pool to scale or remove).
 */
export function canPick(
  cluster: PickableCluster,
  action?: ClusterPickerAction,
): boolean {
  if (cluster.gitManaged !== true) return false;
  switch (action) {
    case 'upgrade':
      return cluster.upgradeOptions.length > 0;
    case 'scale-node-pool':
    case 'remove-node-pool':
      return cluster.nodePools.length > 0;
    default:
      return true;
  }
}

const HIDDEN_REASON: Record<ClusterPickerAction | 'any', string> = {
  any: 'not managed through Git',
  upgrade: 'not managed through Git or with no newer version allowed',
  'scale-node-pool': 'not managed through Git or without node pools',
  'remove-node-pool': 'not managed through Git or without node pools',
  'add-node-pool': 'not managed through Git',
  decommission: 'not managed through Git',
};

/** `CapiClusterPicker`: a cluster as `managementCluster/namespace/name`, for day-2 templates. */
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
  const api = useApi(capiApiRef);
  const identityApi = useApi(coreApis.identity);
  const { value, loading, error } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return loadPickableClusters(api, identity.ownershipEntityRefs);
  }, [api, identityApi]);

  const owned = (c: PickableCluster) =>
    !!c.owner && !!value?.ownershipRefs.includes(c.owner);
  // Only clusters the template can change: anything else could only fail.
  const changeable = (value?.clusters ?? []).filter(c => canPick(c, action));
  const hidden = (value?.clusters.length ?? 0) - changeable.length;
  const options = changeable.sort(
    (a, b) => Number(owned(b)) - Number(owned(a)) || a.id.localeCompare(b.id),
  );
  const selected = options.find(c => c.id === formData) ?? null;
  let helper: string;
  if (error) {
    helper = `Could not load clusters: ${describeCapiError(error)}`;
  } else if (value && value.clusters.length === 0) {
    helper = 'None of your groups owns a cluster yet.';
  } else {
    if (schema.description) {
      helper = schema.description;
    } else {
      helper =
        value?.scope === 'fleet'
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
        value?.scope === 'fleet'
          ? c => (owned(c) ? 'Your clusters' : 'Other clusters')
          : undefined
      }
      getOptionLabel={c => c.id}
      getOptionSelected={(a, b) => a.id === b.id}
      renderOption={c => (
        <span>
          <strong>{c.name}</strong> —{' '}
          {c.managementClusterTitle ?? c.managementCluster} / {c.namespace} ·{' '}
          {c.status}
          {c.stale ? ' (stale)' : ''} ·{' '}
          {c.actualVersion ?? c.desiredVersion ?? ''}
        </span>
      )}
      onChange={(_, c) => onChange(c?.id)}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Cluster'}
          margin="normal"
          required={required}
          error={!!error || (rawErrors?.length ?? 0) > 0}
          helperText={helper}
        />
      )}
    />
  );
}
