import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import {
  commitSubjects,
  listFiles,
  showFile,
} from '../__testUtils__/gitFixtures';
import { GitopsRepository } from '../git/GitopsRepository';
import { createClusterRenderAction } from './clusterRender';
import { createGitopsPublishAction } from './gitopsPublish';

describe('capi:gitops:publish', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  async function render() {
    return h.run(createClusterRenderAction(h.options), payments);
  }

  it('commits the rendered folder and outputs commit, branch and link', async () => {
    const rendered = await render();
    const { outputs } = await h.run(
      createGitopsPublishAction(h.options),
      { sourcePath: rendered.outputs.path, commitMessage: 'Add payments-prod' },
      { workspacePath: rendered.workspacePath },
    );
    expect(outputs).toEqual({
      repoUrl: h.bare,
      path: 'clusters/onprem-fra/clusters/payments-prod',
      folderUrl:
        'https://git.example.com/gitops/tree/main/clusters/onprem-fra/clusters/payments-prod',
      commitSha: expect.stringMatching(/^[0-9a-f]{40}$/),
      branch: 'main',
      changed: true,
    });
    expect(await commitSubjects(h.bare)).toEqual(['Add payments-prod', 'seed']);
    expect(await listFiles(h.bare)).toEqual([
      'README.md',
      'clusters/onprem-fra/clusters/payments-prod/catalog-info.yaml',
      'clusters/onprem-fra/clusters/payments-prod/cluster.yaml',
      'clusters/onprem-fra/clusters/payments-prod/kustomization.yaml',
    ]);
    expect(
      await showFile(
        h.bare,
        'clusters/onprem-fra/clusters/payments-prod/cluster.yaml',
      ),
    ).toBe(
      await fs.readFile(
        path.join(
          rendered.workspacePath,
          rendered.outputs.path,
          'cluster.yaml',
        ),
        'utf8',
      ),
    );
  });

  it('refuses a folder that another task rendered', async () => {
    const rendered = await render();
    await expect(
      h.run(
        createGitopsPublishAction(h.options),
        { sourcePath: rendered.outputs.path },
        { workspacePath: rendered.workspacePath, taskId: 'another-task' },
      ),
    ).rejects.toThrow(/was not rendered by capi:cluster:render in this task/);
    expect(await commitSubjects(h.bare)).toEqual(['seed']);
  });

  it('pushes nothing in a dry run', async () => {
    const rendered = await render();
    const { outputs, logs } = await h.run(
      createGitopsPublishAction(h.options),
      { sourcePath: rendered.outputs.path },
      { workspacePath: rendered.workspacePath, dryRun: true },
    );
    expect(outputs.changed).toBe(false);
    expect(outputs.commitSha).toBeUndefined();
    expect(logs.join('\n')).toMatch(
      /Dry run: the change "Capstan: publish cluster \S+" passed every check; nothing was pushed to Git\./,
    );
    expect(await commitSubjects(h.bare)).toEqual(['seed']);
  });

  it('refuses to overwrite a folder that appeared in Git after rendering (createOnly by default)', async () => {
    const rendered = await render();
    // Someone else commits a different payments-prod between render and publish.
    await GitopsRepository.create({
      remoteUrl: h.bare,
      author: { name: 'Human', email: 'human@example.com' },
    }).publish({
      branch: 'main',
      message: 'Someone else',
      apply: async dir => {
        const folder = path.join(dir, rendered.outputs.path);
        await fs.mkdir(folder, { recursive: true });
        await fs.writeFile(path.join(folder, 'cluster.yaml'), 'theirs: 1\n');
      },
    });
    await expect(
      h.run(
        createGitopsPublishAction(h.options),
        { sourcePath: rendered.outputs.path },
        { workspacePath: rendered.workspacePath },
      ),
    ).rejects.toThrow(
      /already exists in the GitOps repository with other content/,
    );
    expect(await commitSubjects(h.bare)).toEqual(['Someone else', 'seed']);
  });

  it('refuses another targetPath and content changed after rendering', async () => {
    await h.seedCluster(payments);
    const other = await h.run(createClusterRenderAction(h.options), {
      ...payments,
      name: 'other',
    });
    const publish = createGitopsPublishAction(h.options);
    await expect(
      h.run(
        publish,
        {
          sourcePath: other.outputs.path,
          targetPath: 'clusters/onprem-fra/clusters/payments-prod',
        },
        { workspacePath: other.workspacePath },
      ),
    ).rejects.toThrow(/differs from the rendered folder/);
    await fs.writeFile(
      path.join(other.workspacePath, other.outputs.path, 'cluster.yaml'),
      'changed: true\n',
    );
    await expect(
      h.run(
        publish,
        { sourcePath: other.outputs.path },
        { workspacePath: other.workspacePath },
      ),
    ).rejects.toThrow(
      /changed after capi:cluster:render rendered it \(cluster.yaml\)/,
    );
    await fs
      .writeFile(
        path.join(
          other.workspacePath,
          'clusters/onprem-fra/clusters/forged/cluster.yaml',
        ),
        'kind: Cluster\n',
      )
      .catch(async () => {
        await fs.mkdir(
          path.join(other.workspacePath, 'clusters/onprem-fra/clusters/forged'),
          { recursive: true },
        );
        await fs.writeFile(
          path.join(
            other.workspacePath,
            'clusters/onprem-fra/clusters/forged/cluster.yaml',
          ),
          'kind: Cluster\n',
        );
      });
    await expect(
      h.run(
        publish,
        { sourcePath: 'clusters/onprem-fra/clusters/forged' },
        { workspacePath: other.workspacePath },
      ),
    ).rejects.toThrow(/was not rendered by capi:cluster:render in this task/);
    expect(await commitSubjects(h.bare)).toHaveLength(2);
  });

  it('only writes to cluster folders and pushes nothing on bad input', async () => {
    const rendered = await render();
    const publish = createGitopsPublishAction(h.options);
    for (const targetPath of [
      '../etc',
      'clusters/a/b',
      'clusters/a/b/../../x',
      'README.md',
    ]) {
      await expect(
        h.run(
          publish,
          { sourcePath: rendered.outputs.path, targetPath },
          { workspacePath: rendered.workspacePath },
        ),
      ).rejects.toThrow(/is not a cluster folder/);
    }
    await expect(
      h.run(
        publish,
        { sourcePath: 'clusters/x/y/missing' },
        { workspacePath: rendered.workspacePath },
      ),
    ).rejects.toThrow(/is not a folder with files in the workspace/);
    expect(await commitSubjects(h.bare)).toEqual(['seed']);
  });
});
