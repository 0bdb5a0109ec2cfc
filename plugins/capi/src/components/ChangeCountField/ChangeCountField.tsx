import TextField from '@material-ui/core/TextField';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { addDay2Problems } from '../ChangePreview/validateChangePreview';
import type { Day2Field } from '../ChangePreview/previewInput';
import { useDay2Check } from '../ChangePreview/useDay2Check';
import { asSentence } from '../FormValidation/newClusterProblems';
import { poolStartValues, type PoolStartValues } from './currentPool';
import { useCurrentPool, useStartValue } from './useCurrentPool';

/** `ui:options` of `CapiChangeCount`. */
export interface ChangeCountUiOptions {
  /** The day-2 change the form makes, e.g. `capi-scale-node-pool`. */
  change?: string;
  /** Which of its inputs this is: `replicas`, `autoscaling.min` or `autoscaling.max`. */
  checks?: string;
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
  const live = useDay2Check(checks ? options.change : undefined, formContext);
  const { pool } = useCurrentPool(checks ? formContext : undefined);
  const { userChanged } = useStartValue(
    pool ? startOf(poolStartValues(pool), checks) : undefined,
    formData,
    onChange,
  );
  // The check of what the form holds now, once answered; else what the last
  // Next/Review found.
  const current = live.wanted?.ready && !live.loading && live.value;
  const errors = current
    ? current.problems
        .filter(p => p.field === checks)
        .map(p => asSentence(p.message))
    : rawErrors ?? [];
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
      error={errors.length > 0}
      helperText={errors.length > 0 ? errors.join(' ') : schema.description}
      FormHelperTextProps={{ role: errors.length > 0 ? 'alert' : undefined }}
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
