import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { describeCapiError } from '../../api/CapiClient';
import { useStartValue } from '../ChangeCountField/useCurrentPool';
import { useDay2Check } from '../ChangePreview/useDay2Check';
import { siblingValue } from '../ClusterProfilePicker/profiles';
import { asSentence } from '../FormValidation/newClusterProblems';
import { poolDetails, unknownPoolMessage } from './poolChoice';
import { useClearOnClusterChange, useClusterPools } from './useClusterPools';
import type { NodePoolPickerUiOptions } from './validateNodePool';

export {
  validateNodePool,
  type NodePoolPickerUiOptions,
} from './validateNodePool';

/**
 * `CapiNodePoolPicker`: a node pool of the cluster the form names, each
 * offered with its size and machines (count, or autoscaling bounds); the
 * value is the pool's name as the day-2 actions take it (and the card's
 * Scale link passes it). It waits for the cluster, starts with the only pool
 * of a one-pool cluster, and says at once when the form names a pool the
 * cluster does not have.
 */
export function NodePoolPicker(
  props: FieldExtensionComponentProps<string, NodePoolPickerUiOptions>,
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
  const options = uiSchema?.['ui:options'] ?? {};
  const ref = siblingValue(formContext, options.clusterField ?? 'cluster');
  const cluster = typeof ref === 'string' && ref ? ref : undefined;
  const answer = useClusterPools(cluster);
  const { loading, error } = answer;
  // The answer for this cluster (a load keeps the last cluster's answer).
  const value = loading ? undefined : answer.value;
  const pools = value?.pools ?? [];
  useClearOnClusterChange(cluster, formData, () => onChange(undefined));
  const { userChanged } = useStartValue(
    pools.length === 1 ? pools[0].name : undefined,
    formData,
    onChange,
  );
  const live = useDay2Check(options.change, formContext);

  const known = pools.find(p => p.name === formData);
  let problems: string[];
  if (value && formData && !known) {
    problems = [unknownPoolMessage(value.clusterName, formData, pools)];
  } else if (live.wanted?.ready && !live.loading && live.value) {
    problems = live.value.problems
      .filter(p => p.field === 'pool')
      .map(p => asSentence(p.message));
  } else {
    problems = (rawErrors ?? []).filter(e => e.trim());
  }
  problems = [...new Set(problems)];

  let helper = known ? poolDetails(known.pool) : schema.description;
  if (!cluster) helper = 'Choose a cluster first to see its node pools.';
  else if (loading) helper = 'Loading the node pools of the cluster…';
  else if (error) {
    helper = `Could not load the node pools: ${describeCapiError(
      error,
    )}. The pool is checked again when the change runs.`;
  } else if (value && pools.length === 0) {
    helper = `Cluster ${value.clusterName} has no node pools to scale.`;
  }
  if (problems.length > 0) helper = problems.join(' ');
  const id = idSchema?.$id ?? 'node-pool';
  const invalid = problems.length > 0 || !!error;

  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      disabled={disabled || !cluster || (!!value && pools.length === 0)}
      error={invalid}
    >
      <InputLabel id={`${id}-label`}>{schema.title ?? 'Node pool'}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={formData ?? ''}
        onChange={e => {
          userChanged();
          onChange((e.target.value as string) || undefined);
        }}
        SelectDisplayProps={{ 'aria-describedby': `${id}-helper` } as object}
        // The closed field names the pool; the size and machines are in the
        // line beneath, since a phone's width cuts a longer line.
        renderValue={name => String(name)}
      >
        {/* A name the cluster's pools do not hold (a deep link's, or while they load) stays visible. */}
        {formData && !known && (
          <MenuItem value={formData} disabled>
            {formData}
          </MenuItem>
        )}
        {pools.map(p => (
          <MenuItem
            key={p.name}
            value={p.name}
            // Wraps on a phone instead of cutting the machines off.
            style={{ whiteSpace: 'normal' }}
          >
            <div>
              <Typography variant="body1">{p.name}</Typography>
              <Typography variant="body2" color="textSecondary">
                {poolDetails(p.pool)}
              </Typography>
            </div>
          </MenuItem>
        ))}
      </Select>
      {helper && (
        <FormHelperText
          id={`${id}-helper`}
          role={problems.length > 0 ? 'alert' : undefined}
        >
          {helper}
        </FormHelperText>
      )}
    </FormControl>
  );
}
