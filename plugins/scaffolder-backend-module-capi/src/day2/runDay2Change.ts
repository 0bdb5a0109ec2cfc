import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError, NotFoundError } from '@backstage/errors';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import {
  gitopsClusterPath,
  parseClusterRef,
  validateDnsLabel,
} from '@capstan/plugin-capi-common';
import { gitopsWebUrl, type ClusterProfile } from '@capstan/plugin-capi-node';
import { pullRequestBranch } from '../actions/gitopsPublish';
import type { CapiActionOptions } from '../actions/types';
import {
  removeWorkspaceFolder,
  writeWorkspaceFolder,
} from '../actions/workspaceFolder';
import { readFiles, writeFolder } from '../git/GitopsRepository';
import { ClusterManifests } from '../manifests/ClusterManifests';
import { CLUSTER_FILES } from '../render/renderClusterFolder';
import { throwIfProblems } from '../validation/collectProblems';
import type { ChangeImpact } from './impact';

/**
 * A day-2 edit of one cluster: changes the parsed manifests in place and
 * states the impact, or returns `delete` to remove the whole folder.
 * Pure apart from the manifests, so it can be re-applied on a newer tip.
 */
export type Day2Edit = (
  manifests: ClusterManifests,
  profile: ClusterProfile,
) => { impact: ChangeImpact; delete?: boolean };

/** The part of an action context a day-2 change uses; any capi day-2 action's context fits. */
export interface Day2Context {
  logger: ActionContext<JsonObject>['logger'];
  workspacePath: string;
  isDryRun?: boolean;
  task: { id: string };
  checkpoint: ActionContext<JsonObject>['checkpoint'];
  output(name: keyof Day2Outputs, value: Day2Outputs[keyof Day2Outputs]): void;
}

/** Outputs of every day-2 action. */
export interface Day2Outputs {
  impact: ChangeImpact;
  summary: string;
  path: string;
  branch: string;
  changed: boolean;
  commitSha: string | undefined;
  pullRequestUrl: string | undefined;
  folderUrl: string | undefined;
}

export function parseClusterInput(ref: string) {
  let parsed;
  try {
    parsed = parseClusterRef(ref);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  throwIfProblems(`Invalid cluster ref "${ref}"`, [
    ...validateDnsLabel('management cluster', parsed.managementCluster),
    ...validateDnsLabel('namespace', parsed.namespace),
    ...validateDnsLabel('cluster name', parsed.name),
  ]);
  return parsed;
}

function applyEdit(
  files: Record<string, string>,
  profiles: ClusterProfile[],
  edit: Day2Edit,
  folder: string,
) {
  const text = files[CLUSTER_FILES.manifests];
  if (text === undefined) {
    throw new NotFoundError(`${folder} has no ${CLUSTER_FILES.manifests}`);
  }
  const manifests = ClusterManifests.parse(text);
  const profileName = manifests.profileName;
  const profile = profiles.find(p => p.name === profileName);
  if (!profile) {
    throw new InputError(
      `Cluster "${manifests.name}" has profile "${
        profileName ?? '(none)'
      }", which is not configured in capi.profiles`,
    );
  }
  const result = edit(manifests, profile);
  return {
    impact: result.impact,
    files: result.delete
      ? undefined
      : { ...files, [CLUSTER_FILES.manifests]: manifests.toString() },
  };
}

/**
 * Reads a cluster from the GitOps repository, edits it, states the impact
 * (output and log, dry run included), writes the result to the workspace
 * and publishes it, re-applying the edit if another push got there first.
 */
export async function runDay2Change(
  ctx: Day2Context,
  options: CapiActionOptions,
  change: {
    clusterRef: string;
    verb: string;
    description: string;
    edit: Day2Edit;
  },
): Promise<void> {
  const { gitops, profiles } = options;
  const ref = parseClusterInput(change.clusterRef);
  if (!gitops) {
    throw new InputError(
      'capi.gitops is not configured: there is no GitOps repository to read the cluster from',
    );
  }
  const folder = gitopsClusterPath(ref);
  const current = await gitops.readFolder(folder);
  if (!current) {
    throw new NotFoundError(
      `Cluster ${change.clusterRef} is not in the GitOps repository (no ${folder} on ${gitops.config.branch})`,
    );
  }
  const planned = applyEdit(current.files, profiles, change.edit, folder);
  const { impact } = planned;
  ctx.logger.info(`Impact of ${change.description}: ${impact.summary}`);
  ctx.output('impact', impact);
  ctx.output('summary', impact.summary);
  ctx.output('path', folder);
  const folderUrl = gitopsWebUrl(gitops.config, folder);
  if (folderUrl) {
    ctx.output('folderUrl', folderUrl);
  }
  if (planned.files) {
    await writeWorkspaceFolder(ctx.workspacePath, folder, planned.files);
  } else {
    await removeWorkspaceFolder(ctx.workspacePath, folder);
  }

  if (ctx.isDryRun) {
    ctx.logger.info(`Dry run: ${change.description} validated; nothing pushed`);
    ctx.output('branch', gitops.config.branch);
    ctx.output('changed', false);
    return;
  }

  const message = `Capstan: ${change.description}`;
  const result = await ctx.checkpoint({
    key: `capi.day2.${change.verb}.${folder}`,
    fn: async () => ({
      ...(await gitops.publish({
        message,
        title: message,
        body: `${impact.summary}\n\nRequested through Backstage task ${ctx.task.id}.`,
        pullRequestBranch: pullRequestBranch(change.verb, folder, ctx.task.id),
        apply: async worktree => {
          const target = path.join(worktree, folder);
          const exists = await fs.stat(target).catch(() => undefined);
          if (!exists) {
            throw new NotFoundError(
              `${folder} disappeared from the GitOps repository`,
            );
          }
          const again = applyEdit(
            await readFiles(target),
            profiles,
            change.edit,
            folder,
          );
          if (again.files) {
            await writeFolder(target, again.files);
          } else {
            await fs.rm(target, { recursive: true, force: true });
          }
        },
      })),
    }),
  });
  ctx.logger.info(
    result.changed
      ? `Published ${change.description}: commit ${result.commitSha} on ${
          result.branch
        }${
          result.pullRequestUrl ? `, pull request ${result.pullRequestUrl}` : ''
        }`
      : `Nothing to publish: the repository already holds this state`,
  );
  ctx.output('branch', result.branch);
  ctx.output('changed', result.changed);
  ctx.output('commitSha', result.commitSha);
  if (result.pullRequestUrl) {
    ctx.output('pullRequestUrl', result.pullRequestUrl);
  }
}
