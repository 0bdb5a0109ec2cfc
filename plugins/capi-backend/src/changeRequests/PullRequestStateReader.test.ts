import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { PullRequestStateReader } from './PullRequestStateReader';

/** GitHub and GitLab API stand-ins: pull/merge request state by number, and the auth headers seen. */
async function startHost(states: Record<string, unknown>) {
  const auth: string[] = [];
  const server = http.createServer((req, res) => {
    auth.push(String(req.headers.authorization));
    const body = states[req.url!];
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body ?? { message: 'Not Found' }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    auth,
    base,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

describe('PullRequestStateReader', () => {
  it('reads GitHub pull and GitLab merge request states with the integration credentials', async () => {
    const host = await startHost({
      '/gh/repos/acme/gitops/pulls/1': { state: 'open', merged: false },
      '/gh/repos/acme/gitops/pulls/2': { state: 'closed', merged: true },
      '/gh/repos/acme/gitops/pulls/3': { state: 'closed', merged: false },
      '/gl/projects/acme%2Fplatform%2Fgitops/merge_requests/4': {
        state: 'opened',
      },
      '/gl/projects/acme%2Fplatform%2Fgitops/merge_requests/5': {
        state: 'merged',
      },
      '/gl/projects/acme%2Fplatform%2Fgitops/merge_requests/6': {
        state: 'closed',
      },
    });
    try {
      const reader = PullRequestStateReader.create({
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({
            integrations: {
              github: [
                {
                  host: 'github.com',
                  apiBaseUrl: `${host.base}/gh`,
                  token: 'ghp_token',
                },
              ],
              gitlab: [
                {
                  host: 'gitlab.com',
                  apiBaseUrl: `${host.base}/gl`,
                  token: 'glpat_token',
                },
              ],
            },
          }),
        ),
      });
      const gh = 'https://github.com/acme/gitops/pull/';
      const gl = 'https://gitlab.com/acme/platform/gitops/-/merge_requests/';
      expect(await reader.stateOf(`${gh}1`)).toBe('open');
      expect(await reader.stateOf(`${gh}2`)).toBe('merged');
      expect(await reader.stateOf(`${gh}3`)).toBe('closed');
      expect(await reader.stateOf(`${gl}4`)).toBe('open');
      expect(await reader.stateOf(`${gl}5`)).toBe('merged');
      expect(await reader.stateOf(`${gl}6`)).toBe('closed');
      expect(host.auth).toEqual([
        'Bearer ghp_token',
        'Bearer ghp_token',
        'Bearer ghp_token',
        'Bearer glpat_token',
        'Bearer glpat_token',
        'Bearer glpat_token',
      ]);
      // Unknown requests, hosts without an integration and non-URLs: no answer.
      expect(await reader.stateOf(`${gh}99`)).toBeUndefined();
      expect(
        await reader.stateOf('https://git.example.com/acme/gitops/pull/1'),
      ).toBeUndefined();
      expect(await reader.stateOf('not a url')).toBeUndefined();
    } finally {
      await host.close();
    }
  });
});
