import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/**
 * A loopback HTTP server that answers the pull/merge request endpoints of
 * the GitHub and GitLab REST APIs the way those hosts do, including the
 * "already exists" answers, and records every request.
 */
export async function startFakeGitHost() {
  const requests: RecordedRequest[] = [];
  const githubPulls: Array<{
    number: number;
    head: string;
    base: string;
    html_url: string;
  }> = [];
  const gitlabMrs: Array<{
    iid: number;
    source_branch: string;
    target_branch: string;
    web_url: string;
  }> = [];

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body,
      });
      const url = new URL(req.url!, 'http://localhost');
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const gh = /^\/github\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(
        url.pathname,
      );
      if (gh && req.method === 'POST') {
        if (
          githubPulls.some(p => p.head === body.head && p.base === body.base)
        ) {
          send(422, {
            message: 'Validation Failed',
            errors: [
              {
                message: `A pull request already exists for ${gh[1]}:${body.head}.`,
              },
            ],
          });
          return;
        }
        const number = githubPulls.length + 1;
        const pr = {
          number,
          head: body.head,
          base: body.base,
          html_url: `https://github.com/${gh[1]}/${gh[2]}/pull/${number}`,
        };
        githubPulls.push(pr);
        send(201, pr);
        return;
      }
      if (gh && req.method === 'GET') {
        const head = url.searchParams.get('head')?.split(':')[1];
        send(
          200,
          githubPulls.filter(p => p.head === head),
        );
        return;
      }
      const gl = /^\/gitlab\/api\/v4\/projects\/([^/]+)\/merge_requests$/.exec(
        url.pathname,
      );
      if (gl && req.method === 'POST') {
        if (gitlabMrs.some(m => m.source_branch === body.source_branch)) {
          send(409, {
            message: [
              'Another open merge request already exists for this source branch',
            ],
          });
          return;
        }
        const iid = gitlabMrs.length + 1;
        const mr = {
          iid,
          source_branch: body.source_branch,
          target_branch: body.target_branch,
          web_url: `https://gitlab.com/${decodeURIComponent(
            gl[1],
          )}/-/merge_requests/${iid}`,
        };
        gitlabMrs.push(mr);
        send(201, mr);
        return;
      }
      if (gl && req.method === 'GET') {
        send(
          200,
          gitlabMrs.filter(
            m => m.source_branch === url.searchParams.get('source_branch'),
          ),
        );
        return;
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    requests,
    /** Pull and merge requests opened so far. */
    opened: () => [
      ...githubPulls.map(p => ({ head: p.head, url: p.html_url })),
      ...gitlabMrs.map(m => ({ head: m.source_branch, url: m.web_url })),
    ],
    githubApiBaseUrl: `${base}/github`,
    gitlabApiBaseUrl: `${base}/gitlab/api/v4`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
