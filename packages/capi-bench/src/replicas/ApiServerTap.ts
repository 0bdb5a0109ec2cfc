import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

/** The simulator's CA: a PEM, or base64 of one (kubeconfig style), or of the DER. */
function caPem(caData: string): string {
  if (caData.includes('-----BEGIN')) return caData;
  const decoded = Buffer.from(caData, 'base64').toString('utf8');
  if (decoded.includes('-----BEGIN')) return decoded;
  const body = caData
    .replace(/\s+/g, '')
    .match(/.{1,64}/g)
    ?.join('\n');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

/** Requests one replica made to one management cluster, by kind. */
export interface ApiServerLoad {
  /** `GET` collection without `watch` or `continue`: initial lists and relists. */
  lists: Record<string, number>;
  /** Further pages of a list (`continue`): part of the list, not a new one. */
  morePages: Record<string, number>;
  /**
   * 410 Gone answers (an expired `continue`, or a watch from a compacted
   * resourceVersion): the only reason to list a kind again.
   */
  gone: Record<string, number>;
  /** `GET` collection with `watch=true`. */
  watches: Record<string, number>;
  /** Anything else: discovery, single objects. */
  other: number;
}

/**
 * Sits between one backend replica and one simulated management cluster:
 * plain HTTP in, the simulator's HTTPS out. It counts the requests the
 * replica makes (lists and watches per resource, as an API server's audit
 * log would), and can hold back what the API server sends on open watches,
 * so that a change reaches this replica later than the others.
 */
export class ApiServerTap {
  readonly #server: http.Server;
  readonly #target: URL;
  readonly #agent: https.Agent;
  /** Paused watch streams, each with how to pass on its held chunk. */
  readonly #held = new Map<http.IncomingMessage, () => void>();
  #holding = false;
  readonly load: ApiServerLoad = {
    lists: {},
    morePages: {},
    watches: {},
    gone: {},
    other: 0,
  };

  static async start(options: {
    target: string;
    caData: string;
  }): Promise<ApiServerTap> {
    const tap = new ApiServerTap(options);
    await new Promise<void>(resolve =>
      tap.#server.listen(0, '127.0.0.1', resolve),
    );
    return tap;
  }

  private constructor(options: { target: string; caData: string }) {
    this.#target = new URL(options.target);
    this.#agent = new https.Agent({
      keepAlive: true,
      ca: caPem(options.caData),
    });
    this.#server = http.createServer((req, res) => this.#forward(req, res));
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Stops passing watch events on; they arrive when `release` is called. */
  hold(): void {
    this.#holding = true;
  }

  release(): void {
    this.#holding = false;
    const held = [...this.#held.values()];
    this.#held.clear();
    for (const pass of held) pass();
  }

  /** Counts the request; returns its kind when it reads a collection. */
  #count(req: http.IncomingMessage): string | undefined {
    const url = new URL(req.url ?? '/', 'http://tap');
    const parts = url.pathname.split('/').filter(Boolean);
    // /apis/<group>/<version>/[namespaces/<ns>/]<plural>[/<name>]
    const rest = parts[0] === 'apis' ? parts.slice(3) : parts.slice(2);
    const tail =
      rest[0] === 'namespaces' && rest.length >= 3 ? rest.slice(2) : rest;
    const isCollection = req.method === 'GET' && tail.length === 1;
    if (!isCollection || parts[0] === undefined) {
      this.load.other++;
      return undefined;
    }
    const watch = ['true', '1'].includes(url.searchParams.get('watch') ?? '');
    let bucket = this.load.lists;
    if (watch) bucket = this.load.watches;
    else if (url.searchParams.get('continue')) bucket = this.load.morePages;
    bucket[tail[0]] = (bucket[tail[0]] ?? 0) + 1;
    return tail[0];
  }

  #gone(kind: string) {
    this.load.gone[kind] = (this.load.gone[kind] ?? 0) + 1;
  }

  #forward(req: http.IncomingMessage, res: http.ServerResponse) {
    const kind = this.#count(req);
    const upstream = https.request(
      {
        protocol: 'https:',
        hostname: this.#target.hostname,
        port: this.#target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: this.#target.host },
        agent: this.#agent,
      },
      upstreamRes => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        // A watch from a compacted resourceVersion is answered 200 with an
        // ERROR event (code 410) first; look at the start of the stream.
        let head = '';
        if (kind && upstreamRes.statusCode === 410) this.#gone(kind);
        upstreamRes.on('data', (chunk: Buffer) => {
          if (kind && upstreamRes.statusCode === 200 && head.length < 1024) {
            head += chunk.toString('utf8', 0, 1024);
            if (/^\s*\{"type":\s*"ERROR"[\s\S]*"code":\s*410/.test(head)) {
              this.#gone(kind);
              head = 'x'.repeat(1024);
            }
          }
          if (this.#holding) {
            // Keep this chunk and pause the stream until released.
            upstreamRes.pause();
            this.#held.set(upstreamRes, () => {
              res.write(chunk);
              upstreamRes.resume();
            });
            return;
          }
          res.write(chunk);
        });
        upstreamRes.on('end', () => res.end());
        upstreamRes.on('error', () => res.destroy());
      },
    );
    upstream.on('error', error => {
      if (process.env.CAPSTAN_TAP_DEBUG) console.error('tap upstream', error);
      res.destroy();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }

  async stop(): Promise<void> {
    this.release();
    this.#server.closeAllConnections();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
    this.#agent.destroy();
  }
}
