import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  FINAL_CHANGE_REQUEST_STAGES,
  type ChangeRequestKind,
  type ClusterRef,
} from '@capstan/plugin-capi-common';
import { changeKindInWords, clusterInWords, stageInWords } from '../logText';
import type { ChangeRequests } from './ChangeRequestRecorder';

/** Whether the step's input confirms starting a change while another is in flight. */
export function confirmsConcurrentChange(input: unknown): boolean {
  return (
    typeof input === 'object' &&
    input !== null &&
    (input as { confirmConcurrentChange?: unknown }).confirmConcurrentChange ===
      true
  );
}

/**
 * Refuses a second change of the same kind on a cluster while one is in
 * flight (not done, failed or closed), naming the open request; another
 * run of the same task (a re-run) is not a second change. When the capi
 * backend cannot tell, the change goes ahead (logged): the guard protects
 * against surprises, it is not a lock.
 */
export async function assertNoConcurrentChange(options: {
  changeRequests: ChangeRequests | undefined;
  ref: ClusterRef;
  kind: ChangeRequestKind;
  taskId: string;
  confirmed: boolean;
  logger: LoggerService;
}): Promise<void> {
  const { changeRequests, ref, kind } = options;
  if (!changeRequests || options.confirmed) return;
  const open = await changeRequests.openOf(ref);
  if (!open) {
    options.logger.warn(
      `Could not ask the capi backend whether another change of ${clusterInWords(
        ref,
      )} is still in flight; going ahead without that check.`,
    );
    return;
  }
  const same = open.find(
    r =>
      r.kind === kind &&
      r.taskId !== options.taskId &&
      !FINAL_CHANGE_REQUEST_STAGES.includes(r.stage),
  );
  if (!same) return;
  let link = `task ${same.taskUrl ?? same.taskId}`;
  if (same.pullRequestUrl) link = `pull request ${same.pullRequestUrl}`;
  else if (same.commitSha) link = `commit ${same.commitSha}`;
  throw new ConflictError(
    `A ${changeKindInWords(kind)} of ${clusterInWords(
      ref,
    )} is still in flight (${stageInWords(same.stage)} since ${
      same.stageSince
    }, requested by ${
      same.requestedBy ?? 'someone unknown'
    }, ${link}); nothing was changed. Wait until it is done, or start this one anyway with "Start even if a change of this kind is still in flight" (input confirmConcurrentChange: true).`,
  );
}
