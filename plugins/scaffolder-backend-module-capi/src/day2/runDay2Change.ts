import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  gitopsClusterPath,
  parseClusterRef,
  validateDnsLabel,
} from '@capstan/plugin-capi-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  clusterEntityName,
  gitopsWebUrl,
  type ClusterProfile,
} from '@capstan/plugin-capi-node';
import type { ClusterAction } from '../authorization/ClusterAuthorizer';
import { clusterResourceOf } from '../authorization/clusterResource';
import {
  assertNoLinks,
  removeFolder,
  rewriteFile,
  type FolderSnapshot,
} from '../git/folderFiles';
import { ClusterManifests } from '../manifests/ClusterManifests';
import type { CapiActionOptions } from '../options';
import { publishChange, type PublishContext } from '../publish/publishChange';
import {
  pullRequestBranch,
  stepMarker,
  type StepIdentity,
} from '../publish/stepMarker';
import { CLUSTER_FILES } from '../render/renderClusterFolder';
import { throwIfProblems } from '../validation/collectProblems';
import { assertTopologyVariables } from '../validation/assertTopologyVariables';
import {
  removeWorkspaceFolder,
  writeWorkspaceFolder,
} from '../workspace/workspaceFolder';
import type { ChangeImpact } from './impact';
import {
  assertNoConcurrentChange,
  confirmsConcurrentChange,
} from '../changeRequests/concurrentChange';
import { desiredOf } from '../changeRequests/ChangeRequestRecorder';
import type { ChangeRequestKind } from '@capstan/plugin-capi-common';

/**
 * A day-2 edit of one cluster: changes the parsed manifests in place and
 * states the impact, or returns `delete` to remove the whole folder.
 * Pure apart from the manifests, so it can be re-applied on a newer tip.
 */
export type Day2Edit = (
  manifests: ClusterManifests,
  profile: ClusterProfile,
) => { impact: ChangeImpact; delete?: boolean };

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
  entityRef: string | undefined;
}

/** The part of an action context a day-2 change uses; any capi day-2 action's context fits. */
export interface Day2Context
  extends Omit<PublishContext, 'output'>,
    StepIdentity {
  workspacePath: string;
  getInitiatorCredentials(): Promise<BackstageCredentials>;
  output(name: keyof Day2Outputs, value: Day2Outputs[keyof Day2Outputs]): void;
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

function parseManifests(text: string | undefined, folder: string) {
  if (text === undefined) {
    throw new NotFoundError(`${folder} has no ${CLUSTER_FILES.manifests}`);
  }
  return ClusterManifests.parse(text);
}

function applyEdit(
  manifests: ClusterManifests,
  profiles: ClusterProfile[],
  edit: Day2Edit,
) {
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
    manifests: result.delete ? undefined : manifests.toString(),
  };
}

/** Re-applies the edit on a checked-out tip: only cluster.yaml is rewritten. */
async function applyOnTip(
  worktree: string,
  folder: string,
  profiles: ClusterProfile[],
  edit: Day2Edit,
) {
  const file = path.posix.join(folder, CLUSTER_FILES.manifests);
  await assertNoLinks(worktree, file);
  const text = await fs
    .readFile(path.join(worktree, file), 'utf8')
    .catch(() => undefined);
  if (text === undefined) {
    throw new NotFoundError(`${folder} disappeared from the GitOps repository`);
  }
  const again = applyEdit(parseManifests(text, folder), profiles, edit);
  if (again.manifests === undefined) {
    await removeFolder(worktree, folder);
  } else {
    await rewriteFile(worktree, file, again.manifests);
  }
}

/** The folder with the edited manifests, for the workspace copy. */
function editedSnapshot(files: FolderSnapshot, manifests: string) {
  const current = files[CLUSTER_FILES.manifests];
  return {
    ...files,
    [CLUSTER_FILES.manifests]: {
      content: Buffer.from(manifests, 'utf8'),
      mode: current?.mode ?? 0o644,
    },
  };
}

/**
 * Reads a cluster from the GitOps repository, edits it, states the impact
 * (output and log, dry run included), writes the result to the workspace
 * and publishes it, re-applying the edit if another push got there first.
 * A re-run of the same step finds its earlier commit and publishes nothing.
 */
export async function runDay2Change(
  ctx: Day2Context,
  options: CapiActionOptions,
  change: {
    actionId: string;
    clusterRef: string;
    /** The kind of change, also in branch names and checkpoint keys. */
    verb: Exclude<ChangeRequestKind, 'create'>;
    /** `update` for day-2 edits, `delete` for decommissioning. */
    permission: Exclude<ClusterAction, 'create'>;
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
  const step = {
    marker: stepMarker(ctx, change.actionId),
    pullRequestBranch: pullRequestBranch(change.verb, folder, ctx.task.id),
    signal: ctx.signal,
  };
  const current = await gitops.readFolder(folder, step);
  if (!current?.files) {
    throw new NotFoundError(
      `Cluster ${change.clusterRef} is not in the GitOps repository (no ${folder} on ${gitops.config.branch})`,
    );
  }
  const manifests = parseManifests(
    current.files[CLUSTER_FILES.manifests]?.content.toString('utf8'),
    folder,
  );
  // The owner recorded in Git (before this step's change) decides, never the request.
  await options.authorizer.authorize(
    await ctx.getInitiatorCredentials(),
    change.permission,
    clusterResourceOf(ref, manifests.cluster().toJSON().metadata ?? {}),
  );
  const kind = change.verb;
  if (!current.published) {
    await assertNoConcurrentChange({
      changeRequests: options.changeRequests,
      ref,
      kind,
      taskId: ctx.task.id,
      confirmed: confirmsConcurrentChange(ctx.input),
      logger: ctx.logger,
    });
  }
  const planned = applyEdit(manifests, profiles, change.edit);
  if (planned.manifests !== undefined) {
    await assertTopologyVariables({
      catalog: options.clusterClasses,
      profile: profiles.find(p => p.name === manifests.profileName)!,
      cluster: ClusterManifests.parse(planned.manifests).cluster().toJSON(),
      logger: ctx.logger,
      signal: ctx.signal,
    });
  }
  const { impact } = planned;
  ctx.logger.info(
    `Impact of the change "${change.description}": ${impact.summary}`,
  );
  ctx.output('impact', impact);
  ctx.output('summary', impact.summary);
  ctx.output('path', folder);
  const folderUrl = gitopsWebUrl(gitops.config, folder);
  if (folderUrl) {
    ctx.output('folderUrl', folderUrl);
  }
  // The cluster's catalog entity, for the template's link back (named by
  // the catalog id recorded in Git; a cluster made outside Capstan has none).
  const entityName = clusterEntityName({
    ...ref,
    labels: manifests.cluster().toJSON().metadata?.labels,
  });
  if (entityName && planned.manifests !== undefined) {
    ctx.output(
      'entityRef',
      stringifyEntityRef({
        kind: 'resource',
        namespace: 'default',
        name: entityName,
      }),
    );
  }
  if (planned.manifests === undefined) {
    await removeWorkspaceFolder(ctx.workspacePath, folder);
  } else {
    await writeWorkspaceFolder(
      ctx.workspacePath,
      folder,
      editedSnapshot(current.files, planned.manifests),
    );
  }

  const message = `Capstan: ${change.description}`;
  await publishChange(ctx, gitops, {
    checkpointKey: `capi.day2.${change.verb}.${folder}`,
    marker: step.marker,
    pullRequestBranch: step.pullRequestBranch,
    message,
    title: message,
    body: `${impact.summary}\n\nRequested through Backstage task ${ctx.task.id}.`,
    description: change.description,
    published: current.published,
    apply: worktree => applyOnTip(worktree, folder, profiles, change.edit),
    changeRequest: {
      requests: options.changeRequests,
      ref,
      kind,
      desired: desiredOf(
        planned.manifests === undefined
          ? undefined
          : ClusterManifests.parse(planned.manifests),
      ),
    },
  });
}
