import { useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import { useApi } from '@backstage/core-plugin-api';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import {
  parseClusterRef,
  type ClusterProfileSummary,
  type NodePoolLimits,
} from '@capstan/plugin-capi-common';
import { describeCapiError } from '../../api/CapiClient';
import { capiApiRef, type CapiApi } from '../../api';
import { siblingValue } from '../ClusterProfilePicker/profiles';
import { NodePoolRow } from './NodePoolRow';
import {
  labelsText,
  parseLabels,
  type NodePoolFormValue,
} from './nodePoolFormValue';
import {
  nodePoolsProblems,
  nodePoolsProblemSentences,
} from './poolFieldProblems';

export type { NodePoolFormValue } from './nodePoolFormValue';

/** `ui:options` of `CapiNodePoolsEditor`. */
export interface NodePoolsEditorOptions {
  /** Form field holding the cluster profile name (new-cluster templates). */
  profileField?: string;
  /** Form field holding a `mc/namespace/name` cluster ref whose profile applies (day-2 templates). */
  clusterField?: string;
}

export function limitsOf(profile: ClusterProfileSummary): NodePoolLimits {
  return {
    machineSizes: profile.machineSizes.map(s => s.name),
    sizeDescriptions: profile.machineSizes,
    maxNodePools: profile.limits.maxNodePools,
    maxReplicas: profile.limits.maxReplicas,
    autoscaler: profile.autoscaler,
  };
}

/** The profile whose limits apply: named directly, or the chosen cluster's. */
export async function resolveProfile(
  api: CapiApi,
  options: NodePoolsEditorOptions,
  formData: unknown,
): Promise<ClusterProfileSummary | undefined> {
  const context = { formData };
  let name = siblingValue(context, options.profileField);
  const clusterRef = siblingValue(context, options.clusterField);
  if (!name && typeof clusterRef === 'string' && clusterRef) {
    name = (await api.getCluster(parseClusterRef(clusterRef))).profile;
  }
  if (typeof name !== 'string' || !name) return undefined;
  const { items } = await api.getProfiles();
  return items.find(p => p.name === name);
}

/** A row nobody has typed into (RJSF fills `minItems` with `{}`). */
function isBlankPool(pool: Partial<NodePoolFormValue>): boolean {
  return (
    !pool.name &&
    !pool.size &&
    pool.replicas === undefined &&
    !pool.autoscaling &&
    !pool.labels
  );
}

/** A new row: the next free `pool-<n>` name, the profile's first size, 2 replicas. */
function newPool(
  pools: NodePoolFormValue[],
  from: number,
  profile: ClusterProfileSummary | undefined,
): NodePoolFormValue {
  const used = new Set(pools.map(p => p.name));
  let n = from;
  while (used.has(`pool-${n}`)) n++;
  return {
    name: `pool-${n}`,
    size: profile?.machineSizes[0]?.name ?? '',
    replicas: 2,
  };
}

/**
 * The scaffolder's validation for `CapiNodePoolsEditor`: the same rules the
 * backend's scaffolder action enforces, so a template fails in the form
 * rather than in the task log. One error per problem, so the form's summary
 * counts them; the editor shows each on its row (templates set
 * `ui:hideError` so rjsf does not print them again).
 */
export const validateNodePoolsField: CustomFieldValidator<
  NodePoolFormValue[],
  NodePoolsEditorOptions
> = async (value, field, context) => {
  const api = context.apiHolder.get(capiApiRef);
  if (!api) return;
  const options = context.uiSchema?.['ui:options'] ?? {};
  const profile = await resolveProfile(api, options, context.formData);
  if (!profile) return;
  const problems = nodePoolsProblems(value ?? [], limitsOf(profile));
  for (const sentence of nodePoolsProblemSentences(problems)) {
    field.addError(sentence);
  }
};

/** `CapiNodePoolsEditor`: node pool rows with add/remove and inline validation. */
export function NodePoolsEditor(
  props: FieldExtensionComponentProps<
    NodePoolFormValue[],
    NodePoolsEditorOptions
  >,
) {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    formContext,
    disabled,
    idSchema,
  } = props;
  const api = useApi(capiApiRef);
  const options = uiSchema?.['ui:options'] ?? {};
  const contextData = (formContext as { formData?: unknown } | undefined)
    ?.formData;
  const profileName = siblingValue(formContext, options.profileField);
  const clusterRef = siblingValue(formContext, options.clusterField);
  const profileState = useAsync(
    () => resolveProfile(api, options, contextData),
    [api, profileName, clusterRef],
  );
  const profile = profileState.value;
  const pools = formData ?? [];
  const [labelDrafts, setLabelDrafts] = useState<string[]>(() =>
    pools.map(p => labelsText(p.labels)),
  );
  const [labelProblems, setLabelProblems] = useState<string[][]>([]);

  // Set once the user changes anything here: from then on the rows are
  // theirs, and no default fills (or refills) one behind their typing.
  const touched = useRef(false);
  const update = (index: number, patch: Partial<NodePoolFormValue>) => {
    touched.current = true;
    onChange(pools.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  };
  const add = () => {
    touched.current = true;
    onChange([...pools, newPool(pools, pools.length + 1, profile)]);
    setLabelDrafts([...labelDrafts, '']);
  };
  // A schema with `minItems: 1` makes the form start with an empty row `{}`;
  // once the profile is known, give it the same defaults as "Add node pool"
  // instead of greeting the user with three problems they did not cause.
  // Only while the user has not touched the field: the profile can arrive
  // after they started typing, and a row they emptied stays empty.
  useEffect(() => {
    if (touched.current || !profile || disabled || !pools.some(isBlankPool)) {
      return;
    }
    onChange(
      pools.map((p, i) =>
        isBlankPool(p) ? newPool(pools, i + 1, profile) : p,
      ),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [profile, formData, disabled]);
  const remove = (index: number) => {
    touched.current = true;
    onChange(pools.filter((_, i) => i !== index));
    setLabelDrafts(labelDrafts.filter((_, i) => i !== index));
    setLabelProblems(labelProblems.filter((_, i) => i !== index));
  };

  const problems = profile
    ? nodePoolsProblems(pools, limitsOf(profile), labelProblems)
    : undefined;
  const sizes = profile?.machineSizes ?? [];

  return (
    <Box id={idSchema?.$id} my={2} component="fieldset" border={0} p={0}>
      <Typography variant="h6" component="legend">
        {schema.title ?? 'Node pools'}
      </Typography>
      {schema.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      {!profile && !profileState.loading && (
        <Typography variant="body2" color="textSecondary">
          {profileState.error
            ? `Could not load the cluster profile: ${describeCapiError(
                profileState.error,
              )}`
            : 'Choose a cluster profile first to see its machine sizes and limits.'}
        </Typography>
      )}
      {pools.map((pool, index) => (
        <NodePoolRow
          key={index}
          pool={pool}
          index={index}
          sizes={sizes}
          autoscaler={profile?.autoscaler !== false}
          disabled={disabled}
          problems={problems?.rows[index] ?? []}
          labelsText={labelDrafts[index] ?? labelsText(pool.labels)}
          onUpdate={patch => update(index, patch)}
          onLabels={text => {
            const parsed = parseLabels(text);
            setLabelDrafts(Object.assign([...labelDrafts], { [index]: text }));
            setLabelProblems(
              Object.assign([...labelProblems], { [index]: parsed.problems }),
            );
            update(index, { labels: parsed.labels });
          }}
          onRemove={() => remove(index)}
        />
      ))}
      <Button
        startIcon={<AddIcon />}
        onClick={add}
        disabled={
          disabled || (!!profile && pools.length >= profile.limits.maxNodePools)
        }
      >
        Add node pool
      </Button>
      {problems?.pools.map(p => (
        <Typography key={p} variant="body2" color="error" role="alert">
          {p}
        </Typography>
      ))}
    </Box>
  );
}
