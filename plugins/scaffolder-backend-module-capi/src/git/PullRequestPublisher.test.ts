import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { startFakeGitHost } from '../__testUtils__/fakeGitHost';
import {
  commitSubjects,
  createBareRepo,
  showFile,
} from '../__testUtils__/gitFixtures';
import { GitopsPublisher } from './GitopsPublisher';
import { writeFolder } from './GitopsRepository';
import { PullRequestPublisher } from './PullRequestPublisher';

describe('pull-request mode against simulated GitHub and GitLab APIs', () => {
  let host: Awaited<ReturnType<typeof startFakeGitHost>>;
  let root: string;
  let integrations: ScmIntegrations;

  beforeEach(async () => {
    host = await startFakeGitHost();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'capstan-pr-test-'));
    integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
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
      }),
    );
  });

  afterEach(async () => {
    await host.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('opens a GitHub pull request with the integration token and reuses it when it exists', async () => {
    const publisher = PullRequestPublisher.create({ integrations });
    const request = {
      head: 'capstan/c1',
      base: 'main',
      title: 'Add c1',
      body: 'details',
    };
    const first = await publisher.openPullRequest(
      'https://github.com/acme/gitops',
      request,
    );
    expect(first).toEqual({
      url: 'https://github.com/acme/gitops/pull/1',
      number: 1,
      created: true,
    });
    const again = await publisher.openPullRequest(
      'https://github.com/acme/gitops',
      request,
    );
    expect(again).toEqual({ ...first, created: false });
    const [post] = host.requests;
    expect(post.method).toBe('POST');
    expect(post.url).toBe('/github/repos/acme/gitops/pulls');
    expect(post.headers.authorization).toMatch(/ghp_secret_token/);
    expect(post.body).toEqual({
      title: 'Add c1',
      head: 'capstan/c1',
      base: 'main',
      body: 'details',
    });
  });

  it('opens a GitLab merge request and reuses it when it exists', async () => {
    const publisher = PullRequestPublisher.create({ integrations });
    const request = {
      head: 'capstan/c1',
      base: 'main',
      title: 'Add c1',
      body: 'details',
    };
    const first = await publisher.openPullRequest(
      'https://gitlab.com/platform/infra/gitops',
      request,
    );
    expect(first).toEqual({
      url: 'https://gitlab.com/platform/infra/gitops/-/merge_requests/1',
      number: 1,
      created: true,
    });
    expect(
      await publisher.openPullRequest(
        'https://gitlab.com/platform/infra/gitops',
        request,
      ),
    ).toEqual({ ...first, created: false });
    const [post] = host.requests;
    expect(post.url).toBe(
      '/gitlab/api/v4/projects/platform%2Finfra%2Fgitops/merge_requests',
    );
    expect(JSON.stringify(post.headers)).toMatch(/glpat_secret_token/);
    expect(post.body).toMatchObject({
      source_branch: 'capstan/c1',
      target_branch: 'main',
      title: 'Add c1',
    });
  });

  it('fails clearly without an integration for the host', async () => {
    const publisher = PullRequestPublisher.create({ integrations });
    await expect(
      publisher.openPullRequest('https://git.example.com/a/b', {
        head: 'h',
        base: 'main',
        title: 't',
        body: 'b',
      }),
    ).rejects.toThrow(/No GitHub or GitLab integration/);
  });

  it.each([
    [
      'GitHub',
      'https://github.com/acme/gitops',
      'https://github.com/acme/gitops/pull/1',
    ],
    [
      'GitLab',
      'https://gitlab.com/acme/gitops',
      'https://gitlab.com/acme/gitops/-/merge_requests/1',
    ],
  ])(
    'pushes a branch and opens one %s request, idempotently',
    async (_host, repoUrl, prUrl) => {
      const bare = await createBareRepo(root);
      const publisher = GitopsPublisher.create({
        gitops: {
          repoUrl,
          cloneUrl: bare,
          branch: 'main',
          publishMode: 'pull-request',
          author: { name: 'Capstan', email: 'capstan@example.com' },
        },
        integrations,
      });
      const request = {
        message: 'Add c1',
        title: 'Add c1',
        body: 'New cluster',
        pullRequestBranch: 'capstan/publish-c1-abcd',
        marker: 'Capstan-Step: task-1/publish/0123',
        apply: (dir: string) =>
          writeFolder(path.join(dir, 'clusters/mc/ns/c1'), {
            'cluster.yaml': 'a: 1\n',
          }),
      };
      const result = await publisher.publish(request);
      expect(result).toMatchObject({
        branch: 'capstan/publish-c1-abcd',
        changed: true,
        pullRequestUrl: prUrl,
      });
      expect(
        await showFile(
          bare,
          'clusters/mc/ns/c1/cluster.yaml',
          'capstan/publish-c1-abcd',
        ),
      ).toBe('a: 1\n');
      expect(await commitSubjects(bare, 'main')).toEqual(['seed']);

      const again = await publisher.publish(request);
      expect(again).toMatchObject({
        changed: false,
        pullRequestUrl: prUrl,
        commitSha: result.commitSha,
      });
      expect(await commitSubjects(bare, 'capstan/publish-c1-abcd')).toEqual([
        'Add c1',
        'seed',
      ]);
      expect(host.requests.filter(r => r.method === 'POST')).toHaveLength(2);
      expect(JSON.stringify(result)).not.toMatch(/secret_token/);
    },
  );
});
