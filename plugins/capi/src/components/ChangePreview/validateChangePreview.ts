import {
  discoveryApiRef,
  fetchApiRef,
  type ApiHolder,
} from '@backstage/core-plugin-api';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { asSentence } from '../FormValidation/newClusterProblems';
import { day2Check, type Day2Check } from './day2Check';
import { PREVIEW_ACTIONS, previewInput, type Day2Field } from './previewInput';

/**
 * Adds the day-2 check's problems of `fields` to a field's validation. A
 * backend that cannot answer does not block the form: the action checks
 * everything again when the task runs.
 */
export async function addDay2Problems(
  action: unknown,
  fields: readonly Day2Field[],
  target: { addError: (message: string) => void },
  apiHolder: ApiHolder,
  formData: Record<string, unknown> | undefined,
): Promise<Day2Check | undefined> {
  const change = PREVIEW_ACTIONS.find(a => a === action);
  if (!change) return undefined;
  const wanted = previewInput(change, formData ?? {});
  const discovery = apiHolder.get(discoveryApiRef);
  const fetchApi = apiHolder.get(fetchApiRef);
  if (!wanted.ready || !discovery || !fetchApi) return undefined;
  try {
    const check = await day2Check({ discovery, fetchApi }, wanted.input);
    for (const problem of check.problems) {
      if (fields.includes(problem.field)) {
        target.addError(asSentence(problem.message));
      }
    }
    return check;
  } catch {
    return undefined;
  }
}

/** The impact field's value while the impact is not known yet (never shown on Review). */
export const IMPACT_PENDING = 'The impact is being worked out.';

/** What Review says when the impact could not be worked out before it. */
export const IMPACT_UNKNOWN =
  'Not worked out before Review (the check did not answer); the task checks the change again and its log says what it does.';

/**
 * The problems no input of the day-2 templates shows itself: the cluster (its
 * picker is not checked) and the change as a whole. The pool, the replicas,
 * the autoscaling bounds and the version are marked on their own inputs
 * (`CapiNodePoolPicker`, `CapiChangeCount`, `CapiKubernetesVersionPicker`).
 */
export const IMPACT_FIELDS: readonly Day2Field[] = ['cluster', 'change'];

/**
 * `CapiChangePreview`'s check on Next/Review: what the dry run refuses and no
 * other input shows (a cluster that is not yours, the change as a whole) stops the
 * form here, before Review.
 */
export const validateChangePreview: CustomFieldValidator<
  string,
  { action?: string }
> = async (value, field, context) => {
  const formData = context.formData as Record<string, unknown> | undefined;
  const check = await addDay2Problems(
    context.uiSchema?.['ui:options']?.action,
    IMPACT_FIELDS,
    field,
    context.apiHolder,
    formData,
  );
  // Review lists the form as it was when Review was pressed; pressed while
  // the impact was still being worked out, this field held the placeholder
  // (or the impact of the inputs before the last edit). Review gets this
  // answer's impact instead: the value is this field's own sentence, so the
  // entry holding it is this field.
  const impact = check ? check.summary : IMPACT_UNKNOWN;
  if (formData && typeof value === 'string' && value && value !== impact) {
    for (const [key, entry] of Object.entries(formData)) {
      if (entry === value) formData[key] = impact;
    }
  }
};
