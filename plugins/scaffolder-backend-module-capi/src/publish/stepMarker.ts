import { createHash } from 'node:crypto';
import type { JsonValue } from '@backstage/types';

/** The part of an action context that identifies one step run. */
export interface StepIdentity {
  task: { id: string };
  step?: { id?: string };
  input: JsonValue;
}

/**
 * A commit-message line unique to one run of one step with one input:
 * `Capstan-Step: <task>/<step>/<hash of action and input>`. A re-run of the
 * step (task recovery, a retry) finds its earlier commit by this line, also
 * when the scaffolder did not store its checkpoint. `each` iterations differ
 * in their input, so each gets its own marker.
 */
export function stepMarker(ctx: StepIdentity, actionId: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([actionId, ctx.input]))
    .digest('hex')
    .slice(0, 16);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '');
  return `Capstan-Step: ${safe(ctx.task.id)}/${safe(
    ctx.step?.id ?? actionId,
  )}/${hash}`;
}

/** A pull request branch name that is stable for one task, so a re-run reuses it. */
export function pullRequestBranch(
  prefix: string,
  folder: string,
  taskId: string,
) {
  const cluster = folder.split('/').slice(1).join('-');
  return `capstan/${prefix}-${cluster}-${taskId
    .replace(/[^a-zA-Z0-9]/g, '')
    .slice(0, 8)}`;
}
