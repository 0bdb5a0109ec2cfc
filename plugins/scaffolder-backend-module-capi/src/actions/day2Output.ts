import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';
import type { ZodImpl } from './zodImpl';

type OutputSchema = NonNullable<
  NonNullable<TemplateActionOptions['schema']>['output']
>;

const machineChange = (z: ZodImpl) =>
  z.object({
    target: z.string(),
    machines: z.number(),
    reason: z.string(),
  });

/**
 * The output every day-2 action states: its impact and where it published.
 * Typed as scaffolder-node's output schema: the inferred zod types name a
 * nested zod copy that declaration files can't reference.
 */
export const day2OutputSchema: OutputSchema = {
  impact: z =>
    z
      .object({
        replaced: z.array(machineChange(z)),
        created: z.array(machineChange(z)),
        deleted: z.array(machineChange(z)),
        inPlace: z.array(z.object({ target: z.string(), change: z.string() })),
        summary: z.string(),
      })
      .describe(
        'Machines replaced by a rollout, created or deleted, and changes applied in place',
      ),
  summary: z => z.string().describe('The impact in words'),
  path: z =>
    z.string().describe("The cluster's folder in the GitOps repository"),
  branch: z => z.string(),
  changed: z => z.boolean().describe('False when nothing was pushed'),
  commitSha: z => z.string().optional(),
  pullRequestUrl: z => z.string().optional(),
  folderUrl: z => z.string().optional(),
  entityRef: z =>
    z
      .string()
      .optional()
      .describe("The cluster's catalog entity (not after a decommission)"),
};
