import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

/** The zod implementation scaffolder-node hands to schema functions. */
export type ZodImpl = Parameters<
  NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>[string]
>[0];
