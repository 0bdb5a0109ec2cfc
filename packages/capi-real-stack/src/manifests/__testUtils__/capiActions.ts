import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  CAPI_API_PATHS,
  CLUSTER_CLASSES_PATH,
  type ClusterClassesResponse,
  type ManagementClustersResponse,
} from '@capstan/plugin-capi-common';
import scaffolderModuleCapi from '@capstan/plugin-scaffolder-backend-module-capi';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../KubeClient';
import type { ProfileConfig } from './demoProfiles';

const run = promisify(execFile);

async function git(cwd: string, ...args: string[]) {
  const { stdout } = await run('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'real-capi',
      GIT_AUTHOR_EMAIL: 'real-capi@example.com',
      GIT_COMMITTER_NAME: 'real-capi',
      GIT_COMMITTER_EMAIL: 'real-capi@example.com',
    },
  });
  return stdout;
}

/** A bare GitOps repository with one commit on `main`. */
export async function createGitopsRepo(root: string): Promise<string> {
  const bare = path.join(root, 'gitops.git');
  const seed = path.join(root, 'seed');
  await git(root, 'init', '--bare', '--initial-branch=main', bare);
  await git(root, 'init', '--initial-branch=main', seed);
  fs.writeFileSync(path.join(seed, 'README.md'), '# GitOps\n');
  await git(seed, 'add', '.');
  await git(seed, 'commit', '-m', 'init');
  await git(seed, 'push', bare, 'main');
  return bare;
}

/** The objects of `<folder>/cluster.yaml` at the tip of `main`; none when the folder is gone. */
export async function manifestsAt(
  bare: string,
  folder: string,
): Promise<KubeObject[]> {
  const text = await run('git', [
    '--git-dir',
    bare,
    'show',
    `main:${folder}/cluster.yaml`,
  ]).then(
    r => r.stdout,
    () => undefined,
  );
  if (text === undefined) return [];
  return parseAllDocuments(text)
    .map(d => d.toJSON() as KubeObject | null)
    .filter((o): o is KubeObject => !!o);
}

/**
 * Stands in for the capi backend, which the render action asks whether a
 * cluster already exists: every management cluster synced, no clusters, no
 * ClusterClass API. These tests check manifests, not the watch cache.
 */
function emptyFleetCapiBackend(managementClusters: string[]) {
  return createBackendPlugin({
    pluginId: 'capi',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          httpRouter.use((req, res) => {
            const now = new Date().toISOString();
            const health: ManagementClustersResponse['items'] =
              managementClusters.map(name => ({
                name,
                title: name,
                state: 'synced',
                apiVersion: 'v1beta2',
                lastSyncAt: now,
                stale: false,
                clusterCount: 0,
                machineCount: 0,
              }));
            if (req.path === CAPI_API_PATHS.managementClusters) {
              res.json({ items: health });
              return;
            }
            if (req.path === CLUSTER_CLASSES_PATH) {
              // The demo's classes live on its own management clusters, not
              // on this API server; variables are checked by their own tests.
              const body: ClusterClassesResponse = {
                items: [],
                synced: [],
                withoutClusterClassApi: managementClusters,
              };
              res.json(body);
              return;
            }
            if (req.path === CAPI_API_PATHS.fleet) {
              // An empty fleet: no cluster of that name anywhere.
              res.json({ items: [], total: 0, managementClusters: health });
              return;
            }
            res.status(404).json({
              error: { name: 'NotFoundError', message: 'no such cluster' },
            });
          });
        },
      });
    },
  });
}

/**
 * The `capi:*` actions exactly as the scaffolder gets them: the module is
 * started in a test backend with the given profiles and a GitOps repo, and
 * the actions it registers are captured from the extension point.
 */
export async function loadCapiActions(
  repoUrl: string,
  profiles: Record<string, ProfileConfig>,
) {
  const actions: TemplateAction<any, any, any>[] = [];
  const backend = await startTestBackend({
    extensionPoints: [
      [
        scaffolderActionsExtensionPoint,
        {
          addActions: (...a: TemplateAction<any, any, any>[]) =>
            actions.push(...a),
        },
      ],
    ],
    features: [
      scaffolderModuleCapi,
      emptyFleetCapiBackend([
        ...new Set(Object.values(profiles).map(p => p.managementCluster)),
      ]),
      mockServices.rootConfig.factory({
        data: {
          capi: {
            // parsed from YAML, so JSON by construction
            profiles: profiles as unknown as JsonObject,
            gitops: {
              repoUrl,
              branch: 'main',
              publishMode: 'commit',
              author: { name: 'Capstan', email: 'capstan@example.com' },
            },
          },
        },
      }),
    ],
  });

  let tasks = 0;

  /** Runs one action as the scaffolder would and returns its outputs. */
  async function runAction(
    id: string,
    input: JsonObject,
    workspacePath: string,
    /** One scaffolder task: publish only takes what render made in the same task. */
    taskId: string = `task-${++tasks}`,
  ): Promise<Record<string, unknown>> {
    const action = actions.find(a => a.id === id);
    if (!action) throw new Error(`action ${id} is not registered`);
    const outputs: Record<string, unknown> = {};
    const ctx = createMockActionContext({ input, workspacePath });
    await action.handler({
      ...ctx,
      task: { id: taskId },
      output: (name: string, value: unknown) => {
        outputs[name] = value;
      },
    } as Parameters<typeof action.handler>[0]);
    return outputs;
  }

  return { runAction, stop: () => backend.stop() };
}
