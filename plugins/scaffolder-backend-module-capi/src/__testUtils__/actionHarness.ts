import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import { parse, parseAllDocuments } from 'yaml';
import type {
  ClusterClassSummary,
  ClusterSummary,
} from '@capstan/plugin-capi-common';
import { createClusterRenderAction } from '../actions/clusterRender';
import { createGitopsPublishAction } from '../actions/gitopsPublish';
import type { CapiActionOptions } from '../options';
import { GitopsPublisher } from '../git/GitopsPublisher';
import { GitopsRepository } from '../git/GitopsRepository';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ClusterAuthorizer } from '../authorization/ClusterAuthorizer';
import { InMemoryPublishRecordStore } from '../records/PublishRecordStore';
import { startFakeGitHost } from './fakeGitHost';
import { createPolicyDouble, credentialsOf } from './policyDouble';
import { createBareRepo, showFile } from './gitFixtures';
import { testProfiles } from './profiles';

/**
 * A GitOps bare repo on disk plus action options wired to it, and a way to
 * run actions as the scaffolder would (outputs collected, optional dry run).
 */
export async function createActionHarness(
  harnessOptions: {
    /** Pull-request mode against a simulated GitHub or GitLab API. */
    pullRequests?: 'github' | 'gitlab';
  } = {},
) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'capstan-actions-'));
  const bare = await createBareRepo(root);
  const host = harnessOptions.pullRequests
    ? await startFakeGitHost()
    : undefined;
  const pullRequestRepoUrl =
    harnessOptions.pullRequests === 'gitlab'
      ? 'https://gitlab.com/acme/gitops'
      : 'https://github.com/acme/gitops';
  const gitops = GitopsPublisher.create({
    gitops: {
      repoUrl: host ? pullRequestRepoUrl : bare,
      ...(host ? { cloneUrl: bare } : {}),
      branch: 'main',
      publishMode: host ? 'pull-request' : 'commit',
      webUrl: 'https://git.example.com/gitops/tree/{branch}/{path}',
      author: { name: 'Capstan', email: 'capstan@example.com' },
    },
    integrations: ScmIntegrations.fromConfig(
      new ConfigReader(
        host
          ? {
              integrations: {
                github: [
                  {
                    host: 'github.com',
                    apiBaseUrl: host.githubApiBaseUrl,
                    token: 'ghp_secret_token',
                  },
                ],
                gitlab: [
                  {
                    host: 'gitlab.com',
                    apiBaseUrl: host.gitlabApiBaseUrl,
                    token: 'glpat_secret_token',
                  },
                ],
              },
            }
          : {},
      ),
    ),
    retry: { retryBaseDelayMs: 5 },
  });
  const policy = createPolicyDouble();
  /** Clusters that exist live in their management cluster (`mc/ns/name`). */
  const liveClusters = new Set<string>();
  /** What clusters run now, as the capi backend reports them (`mc/ns/name`). */
  const liveSummaries = new Map<string, Partial<ClusterSummary>>();
  /** ClusterClasses the capi backend reports (`mc/ns/name`); others are unknown to it. */
  const clusterClasses = new Map<string, ClusterClassSummary>();
  /** Management clusters whose ClusterClasses the backend has listed. */
  const clusterClassesSynced = new Set<string>();
  /**
   * Management clusters whose ClusterClasses the backend cannot read yet;
   * the others (not synced) serve no ClusterClass API in these tests.
   */
  const clusterClassesUnreadable = new Set<string>();
  const shared = {
    clusterClasses: {
      find: async (ref: {
        managementCluster: string;
        namespace: string;
        name: string;
      }) => {
        const found = clusterClasses.get(
          `${ref.managementCluster}/${ref.namespace}/${ref.name}`,
        );
        if (found) return { state: 'found' as const, clusterClass: found };
        if (clusterClassesSynced.has(ref.managementCluster))
          return { state: 'missing' as const };
        return clusterClassesUnreadable.has(ref.managementCluster)
          ? { state: 'unknown' as const, reason: 'not listed in this test' }
          : { state: 'no-api' as const };
      },
    },
    profiles: testProfiles,
    authorizer: ClusterAuthorizer.create({ permissions: policy }),
    records: new InMemoryPublishRecordStore(),
    liveClusters: {
      exists: async (ref: {
        managementCluster: string;
        namespace: string;
        name: string;
      }) =>
        liveClusters.has(
          `${ref.managementCluster}/${ref.namespace}/${ref.name}`,
        ),
      namespacesWithName: async (managementCluster: string, name: string) =>
        [...liveClusters]
          .map(id => id.split('/'))
          .filter(([mc, , n]) => mc === managementCluster && n === name)
          .map(([, namespace]) => namespace),
      summary: async (ref: {
        managementCluster: string;
        namespace: string;
        name: string;
      }) =>
        liveSummaries.get(
          `${ref.managementCluster}/${ref.namespace}/${ref.name}`,
        ) as ClusterSummary | undefined,
    },
  };
  const options: CapiActionOptions = { ...shared, gitops };
  // Seeding commits straight to main, whatever mode the actions use.
  const seedOptions: CapiActionOptions = {
    ...shared,
    gitops: GitopsPublisher.create({
      gitops: {
        repoUrl: bare,
        branch: 'main',
        publishMode: 'commit',
        author: { name: 'Capstan', email: 'capstan@example.com' },
      },
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    }),
  };
  let runs = 0;

  /** Checkpoints a recovered task would find, when a test keeps them. */
  const storedCheckpoints = new Map<string, unknown>();

  async function run(
    action: TemplateAction<any, any, any>,
    input: JsonObject,
    opts: {
      dryRun?: boolean;
      workspacePath?: string;
      taskId?: string;
      /** Store checkpoints and return stored ones, as task recovery does. */
      keepCheckpoints?: boolean;
      signal?: AbortSignal;
      /** Who runs the task; default a platform team member. */
      credentials?: BackstageCredentials;
    } = {},
  ) {
    const workspacePath =
      opts.workspacePath ??
      (await fs.mkdtemp(path.join(root, `ws-${++runs}-`)));
    const outputs: Record<string, any> = {};
    const logs: string[] = [];
    const ctx = createMockActionContext({ input, workspacePath });
    const logger = {
      info: (m: string) => logs.push(m),
      warn: (m: string) => logs.push(m),
      error: (m: string) => logs.push(m),
      debug: () => {},
      child: () => logger,
    };
    await action.handler({
      ...ctx,
      logger: logger as any,
      isDryRun: opts.dryRun,
      signal: opts.signal,
      getInitiatorCredentials: async () =>
        opts.credentials ?? credentialsOf.platform(),
      task: { id: opts.taskId ?? 'task-0001-abcdef' },
      async checkpoint({ key, fn }: { key: string; fn: () => Promise<any> }) {
        const id = `${opts.taskId ?? 'task-0001-abcdef'}.${key}`;
        if (opts.keepCheckpoints && storedCheckpoints.has(id)) {
          return storedCheckpoints.get(id);
        }
        const value = await fn();
        if (opts.keepCheckpoints) {
          storedCheckpoints.set(id, value);
        }
        return value;
      },
      output: (name: string, value: any) => {
        outputs[name] = value;
      },
    } as any);
    return { outputs, logs, workspacePath };
  }

  /** Renders and commits a cluster, as the new-cluster template does. */
  async function seedCluster(input: JsonObject) {
    const rendered = await run(createClusterRenderAction(seedOptions), input, {
      taskId: 'seed-task',
    });
    await run(
      createGitopsPublishAction(seedOptions),
      { sourcePath: rendered.outputs.path, createOnly: true },
      { workspacePath: rendered.workspacePath, taskId: 'seed-task' },
    );
    return rendered.outputs;
  }

  /** A hand edit of a file in the GitOps repository, as a platform engineer would make. */
  async function editRepoFile(
    repoPath: string,
    edit: (text: string) => string,
  ) {
    await GitopsRepository.create({
      remoteUrl: bare,
      author: { name: 'Human', email: 'human@example.com' },
    }).publish({
      branch: 'main',
      message: `Hand edit of ${repoPath}`,
      apply: async dir => {
        const file = path.join(dir, repoPath);
        await fs.writeFile(file, edit(await fs.readFile(file, 'utf8')));
      },
    });
  }

  /** The parsed documents of a cluster's manifests at the tip of main. */
  async function repoManifests(folder: string): Promise<any[]> {
    const text = await showFile(bare, `${folder}/cluster.yaml`);
    return text ? parseAllDocuments(text).map(d => d.toJSON()) : [];
  }

  async function workspaceFiles(workspacePath: string, folder: string) {
    const dir = path.join(workspacePath, folder);
    const names = await fs.readdir(dir).catch(() => []);
    return names.sort();
  }

  return {
    root,
    bare,
    options,
    run,
    seedCluster,
    workspaceFiles,
    editRepoFile,
    repoManifests,
    parse,
    host,
    policy,
    liveClusters,
    liveSummaries,
    clusterClasses,
    clusterClassesSynced,
    clusterClassesUnreadable,
    close: async () => {
      await host?.close();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}

export const payments = {
  profile: 'onprem-fra',
  name: 'payments-prod',
  owner: 'group:default/team-payments',
  entityRef: 'component:default/payments',
  kubernetesVersion: 'v1.33.4',
  controlPlaneReplicas: 3,
  nodePools: [
    { name: 'general', size: 'medium', replicas: 3 },
    { name: 'batch', size: 'large', autoscaling: { min: 1, max: 6 } },
  ],
};
