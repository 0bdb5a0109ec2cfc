import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { summarize, type LatencySummary } from './stats';
import { emptyFleetCapiBackend } from './emptyFleetCapiBackend';

const run = promisify(execFile);

export type WritePathResult =
  | {
      render: LatencySummary;
      publish: LatencySummary;
      concurrent: { requested: number; landed: number; wallMs: number };
    }
  | { skipped: string };

/** The smallest profile the render action accepts (ClusterClass mode). */
const PROFILE = {
  title: 'Bench',
  managementCluster: 'mc-1',
  namespace: 'clusters',
  mode: 'clusterclass',
  provider: 'docker',
  clusterClass: { name: 'bench-class', workerClass: 'default-worker' },
  kubernetesVersions: ['v1.33.4'],
  machineSizes: { small: { cpu: 2, memoryMiB: 4096, diskGiB: 40 } },
  limits: { maxNodePools: 3, maxReplicas: 10 },
};

async function git(cwd: string, ...args: string[]) {
  const { stdout } = await run('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'bench',
      GIT_AUTHOR_EMAIL: 'bench@example.com',
      GIT_COMMITTER_NAME: 'bench',
      GIT_COMMITTER_EMAIL: 'bench@example.com',
    },
  });
  return stdout;
}

/** A bare repository with one commit on `main`, as a GitOps repo starts. */
async function bareRepo(root: string) {
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

/** The actions of `@capstan/plugin-scaffolder-backend-module-capi`, as the scaffolder gets them. */
async function loadActions(repoUrl: string) {
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
      import('@capstan/plugin-scaffolder-backend-module-capi'),
      emptyFleetCapiBackend([PROFILE.managementCluster]),
      mockServices.rootConfig.factory({
        data: {
          capi: {
            profiles: { bench: PROFILE },
            gitops: { repoUrl, branch: 'main', publishMode: 'commit' },
          },
        },
      }),
    ],
  });
  const byId = (id: string) => {
    const action = actions.find(a => a.id === id);
    if (!action)
      throw new Error(
        `action ${id} not registered; got ${actions.map(a => a.id)}`,
      );
    return action;
  };
  return {
    render: byId('capi:cluster:render'),
    publish: byId('capi:gitops:publish'),
    stop: () => backend.stop(),
  };
}

const silentLogger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silentLogger,
};

/** What an action sees from the scaffolder, without jest (the mock context of the test utils needs it). */
function actionContext(
  workspacePath: string,
  input: Record<string, unknown>,
  taskId: string,
) {
  const outputs: Record<string, unknown> = {};
  const ctx = {
    input,
    workspacePath,
    logger: silentLogger,
    logStream: undefined,
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
    createTemporaryDirectory: async () =>
      fs.mkdtempSync(path.join(os.tmpdir(), 'capstan-bench-tmp-')),
    checkpoint: async (opts: { fn: () => Promise<unknown> }) => opts.fn(),
    getInitiatorCredentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: 'user:default/bench' },
    }),
    task: { id: taskId },
    step: { id: 'bench', name: 'bench' },
    isDryRun: false,
  };
  return { ctx, outputs };
}

function renderInput(name: string) {
  return {
    profile: 'bench',
    name,
    owner: 'group:default/team-bench',
    entityRef: 'component:default/bench-app',
    kubernetesVersion: 'v1.33.4',
    controlPlaneReplicas: 1,
    nodePools: [{ name: 'general', size: 'small', replicas: 2 }],
  };
}

/**
 * Render + publish timings, then `concurrent` publishes of different
 * clusters into one branch at once: every one must be on the branch after.
 */
export async function benchWritePath(counts: {
  sequential: number;
  concurrent: number;
}): Promise<WritePathResult> {
  let actions: Awaited<ReturnType<typeof loadActions>>;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'capstan-bench-git-'));
  try {
    const repoUrl = await bareRepo(root);
    try {
      actions = await loadActions(repoUrl);
    } catch (error) {
      return {
        skipped: `the scaffolder module could not be loaded: ${
          (error as Error).message
        }`,
      };
    }
    const renderAndPublish = async (
      name: string,
      times?: { render: number[]; publish: number[] },
    ) => {
      const workspace = fs.mkdtempSync(path.join(root, `ws-${name}-`));
      const rendered = actionContext(
        workspace,
        renderInput(name),
        `task-${name}`,
      );
      let started = performance.now();
      await actions.render.handler(rendered.ctx as any);
      times?.render.push(performance.now() - started);
      const published = actionContext(
        workspace,
        { sourcePath: String(rendered.outputs.path), mode: 'commit' },
        `task-${name}`,
      );
      started = performance.now();
      await actions.publish.handler(published.ctx as any);
      times?.publish.push(performance.now() - started);
      return String(rendered.outputs.path);
    };
    const times = { render: [] as number[], publish: [] as number[] };
    for (let i = 0; i < counts.sequential; i++) {
      await renderAndPublish(`seq-${String(i).padStart(3, '0')}`, times);
    }
    const started = performance.now();
    const settled = await Promise.allSettled(
      Array.from({ length: counts.concurrent }, (_, i) =>
        renderAndPublish(`race-${String(i).padStart(3, '0')}`),
      ),
    );
    const wallMs = Math.round(performance.now() - started);
    for (const s of settled) {
      if (s.status === 'rejected')
        process.stderr.write(
          `publish failed: ${(s.reason as Error)?.message ?? s.reason}\n`,
        );
    }
    const tree = await git(
      root,
      '--git-dir',
      repoUrl,
      'ls-tree',
      '-r',
      '--name-only',
      'main',
    );
    const folders = new Set(
      tree
        .split('\n')
        .filter(l => l.includes('/race-'))
        .map(l => l.split('/').slice(0, 4).join('/')),
    );
    await actions.stop();
    return {
      render: summarize(times.render),
      publish: summarize(times.publish),
      concurrent: {
        requested: counts.concurrent,
        landed: folders.size,
        wallMs,
      },
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
