import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GitopsPublisher } from '../git/GitopsPublisher';
import { createActionHarness, payments } from '../testing/actionHarness';
import { startFakeGitHost } from '../testing/fakeGitHost';
import { exampleInputs } from '../testing/exampleInputs';
import { createClusterRenderAction } from './clusterRender';
import { examples } from './gitopsPublish.examples';
import { createGitopsPublishAction } from './gitopsPublish';

describe('gitopsPublish examples', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  it.each(exampleInputs(examples))('%s', async (_description, input) => {
    const rendered = await h.run(createClusterRenderAction(h.options), {
      ...payments,
      profile: 'onprem-fra',
      name: 'payments-prod',
    });
    const sourcePath = String(input.sourcePath).startsWith('${{')
      ? rendered.outputs.path
      : input.sourcePath;
    if (input.mode === 'pull-request') {
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
        const { outputs } = await h.run(
          createGitopsPublishAction({ ...h.options, gitops }),
          { ...input, sourcePath },
          { workspacePath: rendered.workspacePath },
        );
        expect(outputs.pullRequestUrl).toBe(
          'https://github.com/acme/gitops/pull/1',
        );
        expect(outputs.branch).toMatch(/^capstan\/publish-/);
        expect(JSON.stringify(outputs)).not.toContain('t0ken');
      } finally {
        await host.close();
      }
      return;
    }
    const { outputs } = await h.run(
      createGitopsPublishAction(h.options),
      { ...input, sourcePath },
      { workspacePath: rendered.workspacePath },
    );
    expect(outputs.changed).toBe(true);
  });
});
