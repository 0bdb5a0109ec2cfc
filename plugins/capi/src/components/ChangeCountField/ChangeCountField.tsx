import TextField from '@material-ui/core/TextField';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { addDay2Problems } from '../ChangePreview/validateChangePreview';
import type { Day2Field } from '../ChangePreview/previewInput';
import {
  problemProps,
  useDay2FieldProblems,
} from '../ChangePreview/day2FieldProblems';
import { poolStartValues, type PoolStartValues } from './currentPool';
import { useCurrentPool, useStartValue } from './useCurrentPool';
import { useAutoscalerOffered } from './useAutoscalerOffered';

/** `ui:options` of `CapiChangeCount`. */
export interface ChangeCountUiOptions {
  /** The day-2 change the form makes, e.g. `capi-scale-node-pool`. */
  change?: string;
  /** Which of its inputs this is: `replicas`, `autoscaling.min` or `autoscaling.max`. */
  checks?: string;
  /** An autoscaling bound: not offered where the cluster's profile runs no cluster autoscaler. */
  needsAutoscaler?: boolean;
}

const COUNT_FIELDS: readonly Day2Field[] = [
  'replicas',
  'autoscaling.min',
  'autoscaling.max',
];

/** This number as the pool runs now. */
function startOf(
  start: PoolStartValues,
  checks: Day2Field | undefined,
): number | undefined {
  if (checks === 'replicas') return start.replicas;
  if (checks === 'autoscaling.min') return start.autoscaling.min;
  if (checks === 'autoscaling.max') return start.autoscaling.max;
  return undefined;
}

/**
 * `CapiChangeCount`: a number of machines in a day-2 form (replicas, an
 * autoscaling bound). What the change's dry run refuses about this number
 * (500 machines, a minimum above the maximum) is marked here as the user
 * types (the same check the impact box shows), and again on Review. It
 * starts at the pool's current number (count, or autoscaling bound).
 */
export function ChangeCountField(
  props: FieldExtensionComponentProps<number, ChangeCountUiOptions>,
) {
  const {
    formData,
    onChange,
    schema,
    rawErrors,
    required,
    idSchema,
    uiSchema,
    formContext,
  } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const checks = COUNT_FIELDS.find(f => f === options.checks);
  const errors = useDay2FieldProblems(
    options.change,
    checks,
    formContext,
    rawErrors,
  );
  const { pool } = useCurrentPool(checks ? formContext : undefined);
  const { userChanged } = useStartValue(
    pool ? startOf(poolStartValues(pool), checks) : undefined,
    formData,
    onChange,
  );
  const autoscaler = useAutoscalerOffered(
    options.needsAutoscaler ? formContext : undefined,
  );
  if (autoscaler.offered === false && formData === undefined) {
    return (
      <TextField
        id={idSchema?.$id ?? 'machines'}
        label={schema.title ?? 'Machines'}
        value=""
        disabled
        fullWidth
        margin="normal"
        helperText={`Not offered: profile ${autoscaler.profileTitle} runs no cluster autoscaler, so the pool keeps the number of machines you set.`}
      />
    );
  }
  return (
    <TextField
      id={idSchema?.$id ?? 'machines'}
      label={schema.title ?? 'Machines'}
      type="number"
      value={formData ?? ''}
      onChange={e => {
        userChanged();
        const text = e.target.value;
        const n = Number(text);
        onChange(text === '' || !Number.isFinite(n) ? undefined : n);
      }}
      required={required}
      fullWidth
      margin="normal"
      inputProps={{ min: schema.minimum ?? 0, step: 1 }}
      {...problemProps(errors, schema.description)}
    />
  );
}

/** The dry run's problems of this number, on this input. */
export const validateChangeCount: CustomFieldValidator<
  number,
  ChangeCountUiOptions
> = async (_value, field, context) => {
  const options = context.uiSchema?.['ui:options'];
  const checks = COUNT_FIELDS.find(f => f === options?.checks);
  if (!checks) return;
  await addDay2Problems(
    options?.change,
    [checks],
    field,
    context.apiHolder,
    context.formData as Record<string, unknown> | undefined,
  );
};
