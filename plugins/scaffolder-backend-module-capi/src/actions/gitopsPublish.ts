import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseClusterRef } from '@capstan/plugin-capi-common';
import { gitopsWebUrl } from '@capstan/plugin-capi-node';
import { parseAllDocuments } from 'yaml';
import { clusterResourceOf } from '../authorization/clusterResource';
import { snapshotFolder, writeFolder } from '../git/folderFiles';
import { desiredOfManifestText } from '../changeRequests/ChangeRequestRecorder';
import { ClusterManifests } from '../manifests/ClusterManifests';
import { verifyAgainstRecord } from '../records/PublishRecordStore';
import { CLUSTER_FILES } from '../render/renderClusterFolder';
import { publishChange } from '../publish/publishChange';
import { pullRequestBranch, stepMarker } from '../publish/stepMarker';
import { examples } from './gitopsPublish.examples';
import type { CapiActionOptions } from './types';

function sameFiles(a: Record<string, string>, b: Record<string, string>) {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k])
  );
}

/** The cluster a rendered (and verified) folder asks for, as the permission rules see it. */
function renderedClusterResource(
  folder: string,
  files: Record<string, string>,
) {
  const ref = parseClusterRef(folder.slice('clusters/'.length));
  const cluster = parseAllDocuments(files[CLUSTER_FILES.manifests] ?? '')
    .map(d => d.toJSON())
    .find(o => o?.kind === 'Cluster');
  return clusterResourceOf(ref, cluster?.metadata ?? {});
}

/** Cluster folders only: `clusters/<mc>/<namespace>/<cluster>`, each a DNS label. */
const CLUSTER_FOLDER =
  /^clusters\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * `capi:gitops:publish` writes a cluster folder of the workspace into the
 * GitOps repository, by commit (with rebase-and-retry) or pull request.
 *
 * @public
 */
export function createGitopsPublishAction(options: CapiActionOptions) {
  const { gitops, records, authorizer } = options;
  return createTemplateAction({
    id: 'capi:gitops:publish',
    description:
      'Writes a cluster folder from the workspace into the GitOps repository (capi.gitops): commit mode pushes to the branch, retrying on concurrent pushes; pull-request mode opens a pull or merge request.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        sourcePath: z =>
          z
            .string()
            .describe(
              'Cluster folder in the workspace, e.g. the path output of capi:cluster:render',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder in the repository; if set, it must equal sourcePath (a rendered cluster is only published to its own folder)',
            ),
        commitMessage: z => z.string().optional(),
        title: z => z.string().optional().describe('Pull request title'),
        description: z => z.string().optional().describe('Pull request body'),
        mode: z =>
          z
            .enum(['commit', 'pull-request'])
            .optional()
            .describe('Default: capi.gitops.publishMode'),
        createOnly: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Fail when the folder exists in the repository with other content; default true',
            ),
      },
      output: {
        commitSha: z => z.string().optional(),
        branch: z => z.string(),
        pullRequestUrl: z => z.string().optional(),
        changed: z =>
          z
            .boolean()
            .describe('False when the repository already held this content'),
        repoUrl: z => z.string(),
        path: z => z.string(),
        folderUrl: z =>
          z
            .string()
            .optional()
            .describe('Link to the folder in the Git host UI'),
      },
    },
    async handler(ctx) {
      if (!gitops) {
        throw new InputError(
          'capi.gitops is not configured: there is no GitOps repository to publish to',
        );
      }
      const sourcePath = ctx.input.sourcePath.replace(/\/+$/, '');
      const targetPath = (ctx.input.targetPath ?? sourcePath).replace(
        /\/+$/,
        '',
      );
      if (!CLUSTER_FOLDER.test(targetPath)) {
        throw new InputError(
          `targetPath "${targetPath}" is not a cluster folder clusters/<managementCluster>/<namespace>/<cluster>`,
        );
      }
      if (targetPath !== sourcePath) {
        throw new NotAllowedError(
          `targetPath "${targetPath}" differs from the rendered folder "${sourcePath}"; capi:gitops:publish writes a rendered cluster only to its own folder`,
        );
      }
      resolveSafeChildPath(ctx.workspacePath, sourcePath);
      const snapshot = await snapshotFolder(ctx.workspacePath, sourcePath);
      if (!snapshot || Object.keys(snapshot).length === 0) {
        throw new InputError(
          `sourcePath "${sourcePath}" is not a folder with files in the workspace`,
        );
      }
      verifyAgainstRecord(
        await records.get(ctx.task.id, sourcePath),
        sourcePath,
        snapshot,
      );
      const files = Object.fromEntries(
        Object.entries(snapshot).map(([n, f]) => [
          n,
          f.content.toString('utf8'),
        ]),
      );
      await authorizer.authorize(
        await ctx.getInitiatorCredentials(),
        'create',
        renderedClusterResource(targetPath, files),
      );
      const config = gitops.config;
      const mode = ctx.input.mode ?? config.publishMode;
      const folderUrl = gitopsWebUrl(config, targetPath);
      const createOnly = ctx.input.createOnly ?? true;
      ctx.output('repoUrl', config.repoUrl);
      ctx.output('path', targetPath);
      if (folderUrl) {
        ctx.output('folderUrl', folderUrl);
      }

      const name = targetPath.split('/').pop()!;
      const message =
        ctx.input.commitMessage ??
        `Capstan: publish cluster ${targetPath.slice('clusters/'.length)}`;
      const step = {
        marker: stepMarker(ctx, 'capi:gitops:publish'),
        pullRequestBranch: pullRequestBranch(
          'publish',
          targetPath,
          ctx.task.id,
        ),
        mode,
        signal: ctx.signal,
      };
      const before = ctx.isDryRun
        ? undefined
        : await gitops.readFolder(targetPath, step);
      const desired = desiredOfManifestText(
        files[CLUSTER_FILES.manifests] ?? '',
        ClusterManifests.parse,
      );
      await publishChange(ctx, gitops, {
        checkpointKey: `capi.gitops.publish.${targetPath}`,
        marker: step.marker,
        pullRequestBranch: step.pullRequestBranch,
        mode,
        message,
        title: ctx.input.title ?? message,
        body:
          ctx.input.description ??
          `Created by Backstage task ${ctx.task.id} for cluster ${name}.`,
        // The log quotes the commit's subject: what the user finds in Git.
        description: message.split('\n')[0].trim() || message,
        published: before?.published,
        apply: async worktree => {
          if (createOnly) {
            const existing = await snapshotFolder(worktree, targetPath);
            const texts = Object.fromEntries(
              Object.entries(existing ?? {}).map(([n, f]) => [
                n,
                f.content.toString('utf8'),
              ]),
            );
            if (
              existing &&
              Object.keys(existing).length > 0 &&
              !sameFiles(texts, files)
            ) {
              throw new ConflictError(
                `${targetPath} already exists in the GitOps repository with other content`,
              );
            }
          }
          await writeFolder(path.join(worktree, targetPath), files, worktree);
        },
        changeRequest: desired && {
          requests: options.changeRequests,
          ref: parseClusterRef(targetPath.slice('clusters/'.length)),
          kind: 'create',
          desired,
        },
      });
    },
  });
}
