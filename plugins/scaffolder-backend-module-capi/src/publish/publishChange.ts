import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import type {
  ChangeRequestDesired,
  ChangeRequestKind,
  ClusterRef,
} from '@capstan/plugin-capi-common';
import type { GitopsConfig } from '@capstan/plugin-capi-node';
import {
  changeRequestId,
  type ChangeRequests,
} from '../changeRequests/ChangeRequestRecorder';
import type {
  GitopsPublisher,
  GitopsPublishResult,
} from '../git/GitopsPublisher';
import type { ApplyChange, PublishedCommit } from '../git/GitopsRepository';
import { publishLogText } from './publishLogText';

/** Outputs every publishing action sets. */
export interface PublishOutputs {
  branch: string;
  changed: boolean;
  commitSha: string | undefined;
  pullRequestUrl: string | undefined;
}

/** The part of an action context publishing uses; every capi action's context fits. */
export interface PublishContext {
  logger: LoggerService;
  isDryRun?: boolean;
  task: { id: string };
  /** The task's initiator, recorded on the change request. */
  user?: { ref?: string };
  signal?: AbortSignal;
  checkpoint: ActionContext<JsonObject>['checkpoint'];
  output(
    name: keyof PublishOutputs,
    value: PublishOutputs[keyof PublishOutputs],
  ): void;
}

export interface PublishChange {
  /** Checkpoint key: a recovered task returns the stored result. */
  checkpointKey: string;
  /** Commit-message line of this step run (see `stepMarker`). */
  marker: string;
  pullRequestBranch: string;
  mode?: GitopsConfig['publishMode'];
  message: string;
  title: string;
  body: string;
  /** The change as a commit subject, quoted by the log: "add node pool gpu to …". */
  description: string;
  apply: ApplyChange;
  /** This step's commit from an earlier run: nothing is published again. */
  published?: PublishedCommit;
  /** Recorded as a change request once published (id from the marker, so once per step run). */
  changeRequest?: {
    requests?: ChangeRequests;
    ref: ClusterRef;
    kind: ChangeRequestKind;
    desired: ChangeRequestDesired;
  };
}

/**
 * The one way capi actions publish: nothing in a dry run; otherwise inside a
 * checkpoint, either the change or, when an earlier run of the step already
 * published it, that run's commit (and pull request, reused); then the log
 * line and the outputs.
 */
export async function publishChange(
  ctx: PublishContext,
  gitops: GitopsPublisher,
  change: PublishChange,
): Promise<GitopsPublishResult | undefined> {
  if (ctx.isDryRun) {
    ctx.logger.info(publishLogText.dryRun(change.description));
    ctx.output('branch', gitops.config.branch);
    ctx.output('changed', false);
    return undefined;
  }
  const { published } = change;
  const result = await ctx.checkpoint({
    key: change.checkpointKey,
    fn: async () => ({
      ...(published
        ? await gitops.resumePublished(published, {
            title: change.title,
            body: change.body,
            signal: ctx.signal,
          })
        : await gitops.publish({
            mode: change.mode,
            message: change.message,
            title: change.title,
            body: change.body,
            pullRequestBranch: change.pullRequestBranch,
            marker: change.marker,
            apply: change.apply,
            signal: ctx.signal,
          })),
    }),
  });
  if (published) {
    ctx.logger.info(
      publishLogText.alreadyPublished(change.description, result),
    );
  } else if (result.changed) {
    ctx.logger.info(publishLogText.published(change.description, result));
  } else {
    ctx.logger.info(publishLogText.unchanged(change.description, result));
  }
  const cr = change.changeRequest;
  if (cr?.requests && (result.changed || published)) {
    await cr.requests.record({
      id: changeRequestId(change.marker),
      ...cr.ref,
      kind: cr.kind,
      ...(ctx.user?.ref ? { requestedBy: ctx.user.ref } : {}),
      taskId: ctx.task.id,
      ...(cr.requests.taskUrl(ctx.task.id)
        ? { taskUrl: cr.requests.taskUrl(ctx.task.id) }
        : {}),
      mode: result.pullRequestUrl ? 'pull-request' : 'commit',
      commitSha: result.commitSha,
      ...(result.pullRequestUrl
        ? { pullRequestUrl: result.pullRequestUrl }
        : {}),
      desired: cr.desired,
    });
  }
  ctx.output('branch', result.branch);
  ctx.output('changed', result.changed);
  ctx.output('commitSha', result.commitSha);
  if (result.pullRequestUrl) {
    ctx.output('pullRequestUrl', result.pullRequestUrl);
  }
  return result;
}
