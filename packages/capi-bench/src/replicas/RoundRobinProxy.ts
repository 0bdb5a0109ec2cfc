import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer on loopback: each request goes to the next ready backend
 * in turn. Readiness is polled every 250 ms at Backstage's readiness
 * endpoint (as a Kubernetes readiness probe or an nginx health check
 * would), so a replica that starts shutting down gets no new requests. A
 * backend that refuses the connection (stopped) is skipped and the
 * request goes to the next one, as nginx's `proxy_next_upstream error`
 * does; a request that fails once it reached a backend is answered 502, the
 * client sees it (requests in flight on a stopped replica).
 */
export class RoundRobinProxy {
  readonly #server: http.Server;
  readonly #backends: string[];
  #next = 0;
  readonly #ready = new Set<string>();
  #probe?: NodeJS.Timeout;
  /** Status codes of failed answers (502 for a lost connection). */
  readonly failures: number[] = [];
  /** Requests answered by each backend (base URL → count). */
  readonly served = new Map<string, number>();
  /** Requests that reached a backend and got no answer from it. */
  failed = 0;

  static async start(backends: string[]): Promise<RoundRobinProxy> {
    const proxy = new RoundRobinProxy(backends);
    await proxy.#checkReadiness();
    proxy.#probe = setInterval(() => void proxy.#checkReadiness(), 250);
    await new Promise<void>(resolve =>
      proxy.#server.listen(0, '127.0.0.1', resolve),
    );
    return proxy;
  }

  private constructor(backends: string[]) {
    this.#backends = backends;
    this.#server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () =>
        this.#send(req, res, Buffer.concat(chunks), this.#backends.length),
      );
    });
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async #checkReadiness() {
    await Promise.all(
      this.#backends.map(async backend => {
        try {
          const res = await fetch(`${backend}/.backstage/health/v1/readiness`, {
            signal: AbortSignal.timeout(1000),
          });
          await res.arrayBuffer();
          if (res.ok) this.#ready.add(backend);
          else this.#ready.delete(backend);
        } catch {
          this.#ready.delete(backend);
        }
      }),
    );
  }

  #pick(): string {
    for (let i = 0; i < this.#backends.length; i++) {
      const backend = this.#pick();
      if (this.#ready.has(backend)) return backend;
    }
    // None ready: try anyway, the client gets the backend's answer.
    return this.#backends[this.#next++ % this.#backends.length];
  }

  #send(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    triesLeft: number,
  ) {
    const backend = this.#pick();
    const target = new URL(backend);
    const upstream = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        // A fresh connection per request: a pooled one to a replica that is
        // shutting down would keep it from closing.
        agent: false,
      },
      upstreamRes => {
        this.served.set(backend, (this.served.get(backend) ?? 0) + 1);
        if ((upstreamRes.statusCode ?? 502) >= 500) {
          this.failures.push(upstreamRes.statusCode ?? 502);
        }
        res.writeHead(upstreamRes.statusCode ?? 502, {
          ...upstreamRes.headers,
          'x-capstan-replica': backend,
        });
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && triesLeft > 1) {
        this.#send(req, res, body, triesLeft - 1);
        return;
      }
      this.failed++;
      this.failures.push(502);
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
      }
      res.end(`bad gateway: ${error.code ?? error.message}`);
    });
    upstream.end(body);
  }

  async stop(): Promise<void> {
    clearInterval(this.#probe);
    this.#server.closeAllConnections();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }
}
