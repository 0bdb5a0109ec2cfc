import {
  discoveryApiRef,
  fetchApiRef,
  type ApiHolder,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** A problem of the new-cluster form, as the scaffolder module reports it. */
export interface FormFieldProblem {
  /** The template field it belongs to, e.g. `name` or `podCidrs`. */
  field: string;
  message: string;
}

/** The fields of the new-cluster form that the backend checks. */
const CHECKED_FIELDS = [
  'name',
  'profile',
  'owner',
  'entityRef',
  'kubernetesVersion',
  'controlPlaneReplicas',
  'nodePools',
  'podCidrs',
  'serviceCidrs',
  'addons',
] as const;

let last: { key: string; problems: Promise<FormFieldProblem[]> } | undefined;

/** A problem as a sentence: starts with a capital letter and ends with a full stop. */
export function asSentence(message: string): string {
  const text = message.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * The new-cluster form's problems from the scaffolder module's
 * `/capi/validate/new-cluster` (the render action's own checks, and whether
 * the name is taken). Every field of a step asks for the same form, so the
 * answer for one form is fetched once.
 */
export function newClusterProblems(
  apiHolder: ApiHolder,
  formData: Record<string, unknown>,
): Promise<FormFieldProblem[]> {
  const form = Object.fromEntries(
    CHECKED_FIELDS.filter(f => formData[f] !== undefined).map(f => [
      f,
      formData[f],
    ]),
  );
  const key = JSON.stringify(form);
  if (last?.key === key) return last.problems;
  const discovery = apiHolder.get(discoveryApiRef);
  const fetchApi = apiHolder.get(fetchApiRef);
  if (!discovery || !fetchApi) return Promise.resolve([]);
  const problems = (async () => {
    const baseUrl = await discovery.getBaseUrl('scaffolder');
    const response = await fetchApi.fetch(
      `${baseUrl}/capi/validate/new-cluster`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: key,
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as { problems?: FormFieldProblem[] };
    return body.problems ?? [];
  })();
  last = { key, problems };
  // A failed check is asked again next time rather than remembered.
  problems.catch(() => {
    if (last?.key === key) last = undefined;
  });
  return problems;
}

/** Forgets the last answer (tests). */
export function forgetNewClusterProblems(): void {
  last = undefined;
}

/**
 * Adds the backend's problems of one field to that field. A backend that
 * cannot answer does not block the form: the action checks everything again
 * when the task runs, and says so.
 */
export async function addBackendProblems(
  field: string,
  target: { addError: (message: string) => void },
  apiHolder: ApiHolder,
  formData: Record<string, unknown> | undefined,
): Promise<void> {
  let problems: FormFieldProblem[];
  try {
    problems = await newClusterProblems(apiHolder, formData ?? {});
  } catch {
    return;
  }
  for (const problem of problems) {
    if (problem.field === field) target.addError(asSentence(problem.message));
  }
}
