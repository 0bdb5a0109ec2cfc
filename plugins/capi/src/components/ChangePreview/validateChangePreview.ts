import {
  discoveryApiRef,
  fetchApiRef,
  type ApiHolder,
} from '@backstage/core-plugin-api';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { asSentence } from '../FormValidation/newClusterProblems';
import {
  PREVIEW_ACTIONS,
  previewInput,
  type PreviewAction,
} from './previewInput';

/** The problems of an "Invalid …: 2 problems:\n- a\n- b" message, one each. */
export function problemsOfMessage(message: string): string[] {
  const bullets = message
    .split('\n')
    .filter(line => line.startsWith('- '))
    .map(line => line.slice(2).trim())
    .filter(Boolean);
  return bullets.length > 0 ? bullets : [message];
}

async function dryRunProblems(
  apiHolder: ApiHolder,
  action: PreviewAction,
  input: Record<string, string | number>,
): Promise<string[]> {
  const discovery = apiHolder.get(discoveryApiRef);
  const fetchApi = apiHolder.get(fetchApiRef);
  if (!discovery || !fetchApi) return [];
  const baseUrl = await discovery.getBaseUrl('scaffolder');
  const response = await fetchApi.fetch(
    `${baseUrl}/.backstage/actions/v1/actions/scaffolder:${action}/invoke`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...input, dryRun: true }),
    },
  );
  // Only a refused input blocks the form; anything else is the action's to say.
  if (response.status !== 400) return [];
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string } }
    | undefined;
  const message = body?.error?.message;
  return message ? problemsOfMessage(message) : [];
}

/**
 * `CapiChangePreview`'s check on Next/Review: what the dry run refuses (500
 * machines, a pool the cluster does not have) and autoscaling bounds with
 * the minimum above the maximum stop the form here, before Review; the
 * action checks everything again when the task runs.
 */
export const validateChangePreview: CustomFieldValidator<
  string,
  { action?: string }
> = async (_value, field, context) => {
  const form = (context.formData ?? {}) as Record<string, unknown>;
  const bounds = form.autoscaling as { min?: number; max?: number } | undefined;
  if (
    form.scaling === 'autoscaled' &&
    typeof bounds?.min === 'number' &&
    typeof bounds?.max === 'number' &&
    bounds.min > bounds.max
  ) {
    field.addError(
      `The minimum (${bounds.min}) is larger than the maximum (${bounds.max}) of the autoscaling bounds.`,
    );
    return;
  }
  const action = PREVIEW_ACTIONS.find(
    a => a === context.uiSchema?.['ui:options']?.action,
  );
  if (!action) return;
  const wanted = previewInput(action, form);
  if (!wanted.ready) return;
  let problems: string[];
  try {
    problems = await dryRunProblems(context.apiHolder, action, wanted.input);
  } catch {
    return;
  }
  problems.forEach(problem => field.addError(asSentence(problem)));
};
