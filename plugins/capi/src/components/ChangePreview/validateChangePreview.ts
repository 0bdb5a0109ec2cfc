import {
  discoveryApiRef,
  fetchApiRef,
  type ApiHolder,
} from '@backstage/core-plugin-api';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { asSentence } from '../FormValidation/newClusterProblems';
import { day2Check } from './day2Check';
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
): Promise<void> {
  const change = PREVIEW_ACTIONS.find(a => a === action);
  if (!change) return;
  const wanted = previewInput(change, formData ?? {});
  const discovery = apiHolder.get(discoveryApiRef);
  const fetchApi = apiHolder.get(fetchApiRef);
  if (!wanted.ready || !discovery || !fetchApi) return;
  try {
    const { problems } = await day2Check({ discovery, fetchApi }, wanted.input);
    for (const problem of problems) {
      if (fields.includes(problem.field)) {
        target.addError(asSentence(problem.message));
      }
    }
  } catch {
    return;
  }
}

/**
 * The problems no input of the day-2 templates shows itself: the cluster (its
 * picker is not checked), the pool name and the change as a whole. The
 * replicas, the autoscaling bounds and the version are marked on their own
 * inputs (`CapiChangeCount`, `CapiKubernetesVersionPicker`).
 */
export const IMPACT_FIELDS: readonly Day2Field[] = [
  'cluster',
  'pool',
  'change',
];

/**
 * `CapiChangePreview`'s check on Next/Review: what the dry run refuses and no
 * other input shows (an unknown pool, a cluster that is not yours) stops the
 * form here, before Review.
 */
export const validateChangePreview: CustomFieldValidator<
  string,
  { action?: string }
> = async (_value, field, context) =>
  addDay2Problems(
    context.uiSchema?.['ui:options']?.action,
    IMPACT_FIELDS,
    field,
    context.apiHolder,
    context.formData as Record<string, unknown> | undefined,
  );
