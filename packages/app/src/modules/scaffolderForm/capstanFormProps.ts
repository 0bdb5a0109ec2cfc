import type { FormProps } from '@backstage/plugin-scaffolder-react';
import { FormErrorSummary } from './FormErrorSummary';

/**
 * The scaffolder's form props for every template: the error list at the top
 * of a step is a short summary naming the fields with problems (links to
 * them), never a second copy of the problems the fields show themselves.
 * rjsf reads a root `ui:options.ErrorListTemplate` before the Stepper's own
 * `templates.ErrorListTemplate`.
 */
export const capstanFormProps: FormProps = {
  uiSchema: { 'ui:options': { ErrorListTemplate: FormErrorSummary } },
};
