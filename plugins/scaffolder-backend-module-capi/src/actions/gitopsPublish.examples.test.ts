import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GitopsPublisher } from '../git/GitopsPublisher';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { exampleInputs } from '../__testUtils__/exampleInputs';
import { startFakeGitHost } from '../__testUtils__/fakeGitHost';
import { commitSubjects } from '../__testUtils__/gitFixtures';
import { createClusterRenderAction } from './clusterRender';
import { examples } from './gitopsPublish.examples';
import { createGitopsPublishAction } from './gitopsPublish';

describe('gitopsPublish examples', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  const [[, commitInput], [, pullRequestInput]] = exampleInputs(examples);

  it('commit example: publishes the rendered folder', async () => {
    const rendered = await h.run(
      createClusterRenderAction(h.options),
      payments,
    );
    const { outputs } = await h.run(
      createGitopsPublishAction(h.options),
      // The example takes the path from the render step's output.
      { ...commitInput, sourcePath: rendered.outputs.path },
      { workspacePath: rendered.workspacePath },
    );
    expect(outputs.changed).toBe(true);
    expect(await commitSubjects(h.bare)).toEqual([
      'Add cluster payments-prod',
      'seed',
    ]);
  });

  it('pull-request example: opens a pull request on the simulated GitHub API', async () => {
    const host = await startFakeGitHost();
    try {
      const gitops = GitopsPublisher.create({
        gitops: {
          repoUrl: 'https://github.com/acme/gitops',
          cloneUrl: h.bare,
          branch: 'main',
          publishMode: 'commit',
          author: { name: 'Capstan', email: 'capstan@example.com' },
        },
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({
            integrations: {
              github: [
                {
                  host: 'github.com',
                  apiBaseUrl: host.githubApiBaseUrl,
                  token: 't0ken',
                },
              ],
            },
          }),
        ),
      });
      const rendered = await h.run(
        createClusterRenderAction(h.options),
        payments,
      );
      expect(rendered.outputs.path).toBe(pullRequestInput.sourcePath);
      const { outputs } = await h.run(
        createGitopsPublishAction({ ...h.options, gitops }),
        pullRequestInput,
        { workspacePath: rendered.workspacePath },
      );
      expect(outputs.pullRequestUrl).toBe(
        'https://github.com/acme/gitops/pull/1',
      );
      expect(outputs.branch).toMatch(/^capstan\/publish-/);
      expect(JSON.stringify(outputs)).not.toContain('t0ken');
      expect(await commitSubjects(h.bare)).toEqual(['seed']);
    } finally {
      await host.close();
    }
  });
});
