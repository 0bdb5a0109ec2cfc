import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import {
  commitSubjects,
  listFiles,
  showFile,
} from '../__testUtils__/gitFixtures';
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

  it('makes no new commit when re-run with the same result', async () => {
    const rendered = await render();
    const publish = createGitopsPublishAction(h.options);
    const input = { sourcePath: rendered.outputs.path, createOnly: true };
    const first = await h.run(publish, input, {
      workspacePath: rendered.workspacePath,
    });
    const again = await h.run(publish, input, {
      workspacePath: rendered.workspacePath,
    });
    expect(again.outputs).toMatchObject({
      changed: false,
      commitSha: first.outputs.commitSha,
    });
    expect(await commitSubjects(h.bare)).toHaveLength(2);
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
      /Dry run: would publish 3 files .* nothing pushed/,
    );
    expect(await commitSubjects(h.bare)).toEqual(['seed']);
  });

  it('refuses to overwrite another cluster with createOnly', async () => {
    await h.seedCluster(payments);
    const other = await h.run(createClusterRenderAction(h.options), {
      ...payments,
      name: 'other',
    });
    await fs.writeFile(
      path.join(other.workspacePath, other.outputs.path, 'cluster.yaml'),
      'changed: true\n',
    );
    await expect(
      h.run(
        createGitopsPublishAction(h.options),
        {
          sourcePath: other.outputs.path,
          targetPath: 'clusters/onprem-fra/clusters/payments-prod',
          createOnly: true,
        },
        { workspacePath: other.workspacePath },
      ),
    ).rejects.toThrow(
      /already exists in the GitOps repository with other content/,
    );
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
    ).rejects.toThrow(/is not a folder in the workspace/);
    expect(await commitSubjects(h.bare)).toEqual(['seed']);
  });
});
