import { useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import IconButton from '@material-ui/core/IconButton';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { useApi } from '@backstage/core-plugin-api';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import {
  parseClusterRef,
  validateNodePools,
  type ClusterProfileSummary,
  type NodePoolLimits,
} from '@capstan/plugin-capi-common';
import { describeCapiError } from '../../api/CapiClient';
import { LabelPlacement } from './LabelPlacement';
import { poolFieldProblems, type PoolField } from './poolFieldProblems';
import { capiApiRef, type CapiApi } from '../../api';
import { siblingValue } from '../ClusterProfilePicker/profiles';

/** One row of `CapiNodePoolsEditor`'s value. */
export interface NodePoolFormValue {
  name: string;
  size: string;
  replicas?: number;
  autoscaling?: { min: number; max: number };
  labels?: Record<string, string>;
}

/** `ui:options` of `CapiNodePoolsEditor`. */
export interface NodePoolsEditorOptions {
  /** Form field holding the cluster profile name (new-cluster templates). */
  profileField?: string;
  /** Form field holding a `mc/namespace/name` cluster ref whose profile applies (day-2 templates). */
  clusterField?: string;
}

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(1, 2),
    marginBottom: theme.spacing(1),
  },
  narrow: { width: 96 },
  // Profile size titles can be long ("Small (2 vCPU, 8 GiB)").
  size: { minWidth: 220, maxWidth: 320 },
  labels: { flex: 1, minWidth: 200 },
  problems: {
    color: theme.palette.error.main,
    margin: theme.spacing(1, 0),
    paddingLeft: theme.spacing(3),
  },
}));

export function limitsOf(profile: ClusterProfileSummary): NodePoolLimits {
  return {
    machineSizes: profile.machineSizes.map(s => s.name),
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

/** Problems the backend would report for these pools, plus label syntax. */
export function nodePoolProblems(
  pools: NodePoolFormValue[],
  profile: ClusterProfileSummary | undefined,
): string[] {
  if (!profile) return [];
  return validateNodePools(pools, limitsOf(profile));
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

function parseLabels(text: string): {
  labels?: Record<string, string>;
  problems: string[];
} {
  const labels: Record<string, string> = {};
  const problems: string[] = [];
  for (const entry of text
    .split(',')
    .map(e => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) {
      problems.push(`label "${entry}" must be written key=value`);
    } else {
      labels[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
    }
  }
  return { labels: Object.keys(labels).length ? labels : undefined, problems };
}

const labelsText = (labels?: Record<string, string>) =>
  Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/**
 * The scaffolder's validation for `CapiNodePoolsEditor`: the same rules the
 * backend's scaffolder action enforces, so a template fails in the form
 * rather than in the task log.
 */
export const validateNodePoolsField: CustomFieldValidator<
  NodePoolFormValue[],
  NodePoolsEditorOptions
> = async (value, field, context) => {
  const pools = value ?? [];
  const api = context.apiHolder.get(capiApiRef);
  if (!api) return;
  const options = context.uiSchema?.['ui:options'] ?? {};
  const profile = await resolveProfile(api, options, context.formData);
  const problems = nodePoolProblems(pools, profile);
  // The editor lists each problem once beside the marked inputs; the form's
  // own error lists get one sentence instead of a second and third copy.
  if (problems.length === 1) {
    field.addError(problems[0]);
  } else if (problems.length > 1) {
    field.addError(
      `${problems.length} node pool problems; each is listed under the node pools and its input is marked`,
    );
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
    rawErrors,
    idSchema,
  } = props;
  const classes = useStyles();
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

  const problems = [
    ...nodePoolProblems(pools, profile),
    ...labelProblems.flat(),
  ];
  const names = pools.map(p => p.name);
  const marked = (index: number, what: PoolField): boolean =>
    !!profile &&
    poolFieldProblems(
      pools[index],
      limitsOf(profile),
      names.indexOf(pools[index].name) !== index,
    ).has(what);
  // Each problem once: the form's summary sentence for them is not repeated.
  const shown = [
    ...new Set([
      ...problems,
      ...(rawErrors ?? []).filter(
        e => e.trim() && !/^\d+ node pool problems;/.test(e),
      ),
    ]),
  ];
  const number = (text: string) => (text === '' ? undefined : Number(text));
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
        <Paper
          key={index}
          variant="outlined"
          className={classes.row}
          role="group"
          aria-label={`Node pool ${index + 1}`}
        >
          <TextField
            id={`capi-pool-${index}-name`}
            label="Name"
            size="small"
            // Always controlled: a row that starts as `{}` must still shrink its label once filled.
            value={pool.name ?? ''}
            error={marked(index, 'name')}
            disabled={disabled}
            onChange={e => update(index, { name: e.target.value })}
          />
          <FormControl
            size="small"
            className={classes.size}
            disabled={disabled}
            error={marked(index, 'size')}
          >
            <InputLabel id={`capi-pool-${index}-size`}>Size</InputLabel>
            <Select
              labelId={`capi-pool-${index}-size`}
              value={sizes.some(s => s.name === pool.size) ? pool.size : ''}
              onChange={e => update(index, { size: e.target.value as string })}
              // The menu explains each size; the closed field only names it.
              renderValue={value =>
                sizes.find(s => s.name === value)?.title ?? String(value)
              }
            >
              {sizes.map(s => (
                <MenuItem key={s.name} value={s.name}>
                  {s.title ?? s.name}
                  {s.description ? ` — ${s.description}` : ''}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <TextField
            id={`capi-pool-${index}-replicas`}
            label="Replicas"
            type="number"
            size="small"
            className={classes.narrow}
            value={pool.autoscaling ? '' : pool.replicas ?? ''}
            // With autoscaling on, the autoscaler sets the count.
            disabled={disabled || !!pool.autoscaling}
            placeholder={pool.autoscaling ? 'autoscaled' : undefined}
            InputLabelProps={pool.autoscaling ? { shrink: true } : undefined}
            error={marked(index, 'replicas')}
            inputProps={{ min: 0 }}
            onChange={e => update(index, { replicas: number(e.target.value) })}
          />
          {profile?.autoscaler !== false && (
            <>
              <FormControlLabel
                control={
                  <Checkbox
                    checked={!!pool.autoscaling}
                    disabled={disabled}
                    onChange={e =>
                      update(index, {
                        autoscaling: e.target.checked
                          ? {
                              min: pool.replicas ?? 1,
                              max: Math.max(pool.replicas ?? 1, 3),
                            }
                          : undefined,
                        // One source of the count: the bounds, or replicas.
                        replicas: e.target.checked
                          ? undefined
                          : pool.autoscaling?.min ?? pool.replicas ?? 1,
                      })
                    }
                  />
                }
                label="Autoscaling"
              />
              {pool.autoscaling && (
                <>
                  <TextField
                    id={`capi-pool-${index}-min`}
                    label="Min"
                    type="number"
                    size="small"
                    className={classes.narrow}
                    value={pool.autoscaling.min ?? ''}
                    error={marked(index, 'min')}
                    onChange={e =>
                      update(index, {
                        autoscaling: {
                          ...pool.autoscaling!,
                          min: number(e.target.value) as number,
                        },
                      })
                    }
                  />
                  <TextField
                    id={`capi-pool-${index}-max`}
                    label="Max"
                    type="number"
                    size="small"
                    className={classes.narrow}
                    value={pool.autoscaling.max ?? ''}
                    error={marked(index, 'max')}
                    onChange={e =>
                      update(index, {
                        autoscaling: {
                          ...pool.autoscaling!,
                          max: number(e.target.value) as number,
                        },
                      })
                    }
                  />
                </>
              )}
            </>
          )}
          <TextField
            id={`capi-pool-${index}-labels`}
            label="Labels"
            placeholder="key=value, key=value"
            size="small"
            className={classes.labels}
            value={labelDrafts[index] ?? labelsText(pool.labels)}
            error={
              marked(index, 'labels') || (labelProblems[index]?.length ?? 0) > 0
            }
            disabled={disabled}
            onChange={e => {
              const text = e.target.value;
              const parsed = parseLabels(text);
              setLabelDrafts(
                Object.assign([...labelDrafts], { [index]: text }),
              );
              setLabelProblems(
                Object.assign([...labelProblems], {
                  [index]: parsed.problems.map(
                    p => `node pool "${pool.name}": ${p}`,
                  ),
                }),
              );
              update(index, { labels: parsed.labels });
            }}
          />
          <LabelPlacement poolName={pool.name} labels={pool.labels} />
          <IconButton
            aria-label={`Remove node pool ${pool.name || index + 1}`}
            disabled={disabled}
            onClick={() => remove(index)}
          >
            <DeleteIcon />
          </IconButton>
        </Paper>
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
      {shown.length > 0 && (
        <ul
          className={classes.problems}
          aria-label="Node pool problems"
          aria-live="polite"
        >
          {shown.map(p => (
            <li key={p}>
              <Typography variant="body2">{p}</Typography>
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}
