import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { JsonObject } from '@backstage/types';
import type { ChangeImpact } from '../day2/impact';
import {
  runDay2Change,
  type Day2Context,
  type Day2Outputs,
} from '../day2/runDay2Change';
import type { CapiActionOptions } from '../options';

/**
 * The zod the actions registry hands to schema factories (Backstage builds
 * schemas with its own copy of zod).
 */
export type ActionZod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

/** What an assistant gets back from a change: the impact first, then what was published. */
export interface AssistantChangeResult {
  dryRun: boolean;
  summary: string;
  impact: ChangeImpact;
  path?: string;
  folderUrl?: string;
  changed?: boolean;
  branch?: string;
  commitSha?: string;
  pullRequestUrl?: string;
}

/**
 * The output schema every changing action shares (typed broadly: its
 * inferred type names Backstage's nested zod copy).
 */
export const assistantChangeOutput = (
  z: ActionZod,
): ReturnType<ActionZod['object']> => {
  const effect = z.object({
    target: z.string(),
    machines: z.number(),
    reason: z.string(),
  });
  return z.object({
    dryRun: z
      .boolean()
      .describe(
        'True when nothing was written: call again with dryRun false to publish',
      ),
    summary: z.string().describe('The impact in a sentence or two'),
    impact: z.object({
      replaced: z.array(effect),
      created: z.array(effect),
      deleted: z.array(effect),
      inPlace: z.array(z.object({ target: z.string(), change: z.string() })),
      summary: z.string(),
    }),
    path: z.string().optional().describe('The cluster folder in Git'),
    folderUrl: z.string().optional(),
    changed: z.boolean().optional(),
    branch: z.string().optional(),
    commitSha: z.string().optional(),
    pullRequestUrl: z.string().optional(),
  });
};

type Day2Change = Parameters<typeof runDay2Change>[2];

/**
 * The change itself, as the template actions describe it to runDay2Change;
 * the permission it needs is `update` unless it says otherwise.
 */
export type AssistantChange = Omit<Day2Change, 'permission'> &
  Partial<Pick<Day2Change, 'permission'>>;

/**
 * Runs a day-2 change for an action-registry caller through exactly the
 * code the templates use (runDay2Change: parse, authorise the caller against
 * the owner recorded in Git, plan and state the impact, write, publish): the
 * scaffolder context is replaced by one built from the call. Each call is
 * its own "task", with a scratch workspace removed afterwards; a dry run
 * publishes nothing.
 */
export async function runAssistantChange(
  options: CapiActionOptions,
  call: {
    actionId: string;
    input: JsonObject;
    dryRun: boolean;
    credentials: BackstageCredentials;
    logger: LoggerService;
  },
  change: AssistantChange,
): Promise<AssistantChangeResult> {
  const workspacePath = await fs.mkdtemp(
    path.join(os.tmpdir(), 'capstan-assistant-'),
  );
  const outputs: Partial<Day2Outputs> = {};
  const ctx: Day2Context = {
    logger: call.logger,
    isDryRun: call.dryRun,
    task: { id: `assistant-${randomUUID()}` },
    // Recorded on the change request as who asked.
    user: {
      ref: (call.credentials.principal as { userEntityRef?: string })
        .userEntityRef,
    },
    step: { id: call.actionId },
    input: call.input,
    workspacePath,
    getInitiatorCredentials: async () => call.credentials,
    // One call is one attempt: there is no task to recover.
    checkpoint: (async ({ fn }: { fn: () => unknown }) =>
      fn()) as Day2Context['checkpoint'],
    output: (name, value) => {
      (outputs as Record<string, unknown>)[name] = value;
    },
  };
  try {
    await runDay2Change(ctx, options, { permission: 'update', ...change });
  } finally {
    await fs.rm(workspacePath, { recursive: true, force: true });
  }
  const impact = outputs.impact!;
  const result: AssistantChangeResult = {
    dryRun: call.dryRun,
    summary: impact.summary,
    impact,
  };
  for (const key of [
    'path',
    'folderUrl',
    'branch',
    'commitSha',
    'pullRequestUrl',
  ] as const) {
    const value = outputs[key];
    if (typeof value === 'string') result[key] = value;
  }
  if (typeof outputs.changed === 'boolean') result.changed = outputs.changed;
  return result;
}
