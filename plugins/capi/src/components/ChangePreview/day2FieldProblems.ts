import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { asSentence } from '../FormValidation/newClusterProblems';
import type { Day2Field } from './previewInput';
import { useDay2Check } from './useDay2Check';
import { addDay2Problems } from './validateChangePreview';

/**
 * The problems of one input of a day-2 form, as sentences: what the check
 * of the form as it is now finds on `field`, once answered; else what the
 * last Next/Review found (`rawErrors`, the schema's own rules among them).
 */
export function useDay2FieldProblems(
  change: unknown,
  field: Day2Field | undefined,
  formContext: unknown,
  rawErrors: string[] | undefined,
): string[] {
  const live = useDay2Check(field ? change : undefined, formContext);
  const current = live.wanted?.ready && !live.loading && live.value;
  const problems = current
    ? current.problems
        .filter(p => p.field === field)
        .map(p => asSentence(p.message))
    : (rawErrors ?? []).filter(e => e.trim());
  return [...new Set(problems)];
}

/** A text input's error, helper text and its role, from its problems. */
export function problemProps(problems: string[], description?: string) {
  const wrong = problems.length > 0;
  return {
    error: wrong,
    helperText: wrong ? problems.join(' ') : description,
    FormHelperTextProps: { role: wrong ? 'alert' : undefined },
  };
}

/**
 * A field's check on Next/Review: the day-2 check's problems of `field`
 * (the change named by the field's `ui:options.change`).
 */
export function day2FieldValidator<T>(
  field: Day2Field,
): CustomFieldValidator<T, { change?: string }> {
  return async (_value, target, context) => {
    await addDay2Problems(
      context.uiSchema?.['ui:options']?.change,
      [field],
      target,
      context.apiHolder,
      context.formData as Record<string, unknown> | undefined,
    );
  };
}
