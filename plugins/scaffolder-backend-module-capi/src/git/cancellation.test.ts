import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createNodePoolAddAction } from '../actions/nodepoolAdd';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { allRefs } from '../__testUtils__/gitFixtures';
import { PullRequestPublisher } from './PullRequestPublisher';
import { runGit } from './runGit';

/** A TCP server that accepts connections and never answers: a hung Git or SCM host. */
async function startSilentServer() {
  const sockets: net.Socket[] = [];
  const server = net.createServer(socket => sockets.push(socket));
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}

describe('timeouts and task cancellation', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  beforeEach(async () => {
    silent = await startSilentServer();
  });
  afterEach(() => silent.close());

  it('kills a git command that hangs past its timeout', async () => {
    const started = Date.now();
    await expect(
      runGit(['ls-remote', `${silent.url}/acme/gitops.git`], {
        timeoutMs: 800,
      }),
    ).rejects.toThrow(/timed out after 1 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('kills a git command when the task is aborted', async () => {
    const controller = new AbortController();
    const pending = runGit(['ls-remote', `${silent.url}/acme/gitops.git`], {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toThrow(/cancelled/);
  });

  it('gives up on an SCM API that does not answer, and on abort', async () => {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            {
              host: 'github.com',
              apiBaseUrl: `${silent.url}/api`,
              token: 't0ken',
            },
          ],
        },
      }),
    );
    const request = { head: 'h', base: 'main', title: 't', body: 'b' };
    await expect(
      PullRequestPublisher.create({
        integrations,
        timeoutMs: 300,
      }).openPullRequest('https://github.com/acme/gitops', request),
    ).rejects.toThrow(/did not answer within/);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(
      PullRequestPublisher.create({ integrations }).openPullRequest(
        'https://github.com/acme/gitops',
        request,
        controller.signal,
      ),
    ).rejects.toThrow(/cancelled/);
  });

  it('an aborted task pushes nothing', async () => {
    const h = await createActionHarness();
    try {
      await h.seedCluster(payments);
      const refs = await allRefs(h.bare);
      const controller = new AbortController();
      controller.abort();
      await expect(
        h.run(
          createNodePoolAddAction(h.options),
          {
            cluster: 'onprem-fra/clusters/payments-prod',
            pool: { name: 'gpu', size: 'large', replicas: 1 },
          },
          { signal: controller.signal },
        ),
      ).rejects.toThrow(/cancelled/);
      expect(await allRefs(h.bare)).toEqual(refs);
    } finally {
      await h.close();
    }
  });
});
