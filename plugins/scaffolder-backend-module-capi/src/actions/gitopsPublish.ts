import { promises as fs } from 'node:fs';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { gitopsWebUrl } from '@capstan/plugin-capi-node';
import { readFiles, writeFolder } from '../git/GitopsRepository';
import { examples } from './gitopsPublish.examples';
import type { CapiActionOptions } from './types';

/** Cluster folders only: `clusters/<mc>/<namespace>/<cluster>`, each a DNS label. */
const CLUSTER_FOLDER =
  /^clusters\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function sameFiles(a: Record<string, string>, b: Record<string, string>) {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k])
  );
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

/**
 * `capi:gitops:publish` writes a cluster folder of the workspace into the
 * GitOps repository, by commit (with rebase-and-retry) or pull request.
 *
 * @public
 */
export function createGitopsPublishAction(options: CapiActionOptions) {
  const { gitops } = options;
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
            .describe('Folder in the repository; default: sourcePath'),
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
              'Fail when the folder exists in the repository with other content (new clusters)',
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
      const source = resolveSafeChildPath(ctx.workspacePath, sourcePath);
      const stat = await fs.stat(source).catch(() => undefined);
      if (!stat?.isDirectory()) {
        throw new InputError(
          `sourcePath "${sourcePath}" is not a folder in the workspace`,
        );
      }
      const files = await readFiles(source);
      if (Object.keys(files).length === 0) {
        throw new InputError(`sourcePath "${sourcePath}" is empty`);
      }
      const config = gitops.config;
      const mode = ctx.input.mode ?? config.publishMode;
      const folderUrl = gitopsWebUrl(config, targetPath);
      ctx.output('repoUrl', config.repoUrl);
      ctx.output('path', targetPath);
      if (folderUrl) {
        ctx.output('folderUrl', folderUrl);
      }

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would publish ${
            Object.keys(files).length
          } files to ${targetPath} on ${
            config.branch
          } (${mode} mode); nothing pushed`,
        );
        ctx.output('branch', config.branch);
        ctx.output('changed', false);
        return;
      }

      const name = targetPath.split('/').pop()!;
      const message =
        ctx.input.commitMessage ??
        `Capstan: publish cluster ${targetPath.slice('clusters/'.length)}`;
      const result = await ctx.checkpoint({
        key: `capi.gitops.publish.${targetPath}`,
        fn: async () => {
          const published = await gitops.publish({
            mode,
            message,
            title: ctx.input.title ?? message,
            body:
              ctx.input.description ??
              `Created by Backstage task ${ctx.task.id} for cluster ${name}.`,
            pullRequestBranch: pullRequestBranch(
              'publish',
              targetPath,
              ctx.task.id,
            ),
            apply: async worktree => {
              const target = path.join(worktree, targetPath);
              if (ctx.input.createOnly) {
                const existing = await readFiles(target).catch(() => undefined);
                if (
                  existing &&
                  Object.keys(existing).length > 0 &&
                  !sameFiles(existing, files)
                ) {
                  throw new ConflictError(
                    `${targetPath} already exists in the GitOps repository with other content`,
                  );
                }
              }
              await writeFolder(target, files);
            },
          });
          return { ...published };
        },
      });
      ctx.logger.info(
        result.changed
          ? `Published ${targetPath}: commit ${result.commitSha} on ${
              result.branch
            }${
              result.pullRequestUrl
                ? `, pull request ${result.pullRequestUrl}`
                : ''
            }`
          : `${targetPath} is already up to date on ${result.branch}; nothing to commit`,
      );
      ctx.output('commitSha', result.commitSha);
      ctx.output('branch', result.branch);
      ctx.output('changed', result.changed);
      if (result.pullRequestUrl) {
        ctx.output('pullRequestUrl', result.pullRequestUrl);
      }
    },
  });
}
