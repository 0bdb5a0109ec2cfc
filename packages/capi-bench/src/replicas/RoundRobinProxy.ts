import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Connection errors after which nginx's `proxy_next_upstream error` tries the next backend. */
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A load balancer on loopback, as production puts in front of replicas:
 * each request goes to the next ready backend in turn. Readiness is polled
 * every 200 ms at Backstage's readiness endpoint (as a Kubernetes readiness
 * probe or an nginx health check would), so a replica that starts shutting
 * down (its readiness turns 503 while it drains) gets no new requests. A
 * backend whose connection fails is marked not ready until the next probe
 * says otherwise, and the request goes to the next backend when that is
 * safe, as nginx's `proxy_next_upstream error` does: a refused connection
 * for any method (nothing reached the backend), a reset one for idempotent
 * methods only. What still fails is answered 502.
 */
export class RoundRobinProxy {
  readonly #server: http.Server;
  readonly #backends: string[];
  #next = 0;
  readonly #ready = new Set<string>();
  #probe?: NodeJS.Timeout;
  /** Requests answered by each backend (base URL → count). */
  readonly served = new Map<string, number>();
  /** Requests sent to each backend and not answered yet. */
  readonly #inFlight = new Map<string, number>();
  /** Requests sent on to another backend after a connection error. */
  retried = 0;
  /** Requests answered 502 because no backend answered them. */
  failed = 0;

  static async start(backends: string[]): Promise<RoundRobinProxy> {
    const proxy = new RoundRobinProxy(backends);
    await proxy.#checkReadiness();
    proxy.#probe = setInterval(() => void proxy.#checkReadiness(), 200);
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

  /** Requests a backend is working on now. */
  inFlight(backend: string): number {
    return this.#inFlight.get(backend) ?? 0;
  }

  isReady(backend: string): boolean {
    return this.#ready.has(backend);
  }

  async #checkReadiness() {
    await Promise.all(
      this.#backends.map(async backend => {
        if (await probe(`${backend}/.backstage/health/v1/readiness`)) {
          this.#ready.add(backend);
        } else {
          this.#ready.delete(backend);
        }
      }),
    );
  }

  #pick(): string {
    for (let i = 0; i < this.#backends.length; i++) {
      const backend = this.#backends[this.#next++ % this.#backends.length];
      if (this.#ready.has(backend)) return backend;
    }
    // None ready: try anyway, the client gets the backend's answer.
    return this.#backends[this.#next++ % this.#backends.length];
  }

  #count(backend: string, delta: number) {
    this.#inFlight.set(backend, this.inFlight(backend) + delta);
  }

  #send(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    triesLeft: number,
  ) {
    const backend = this.#pick();
    const target = new URL(backend);
    this.#count(backend, 1);
    let done = false;
    const finish = () => {
      if (!done) this.#count(backend, -1);
      done = true;
    };
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
        res.writeHead(upstreamRes.statusCode ?? 502, {
          ...upstreamRes.headers,
          'x-capstan-replica': backend,
        });
        upstreamRes.pipe(res);
        upstreamRes.on('end', () => {
          this.served.set(backend, (this.served.get(backend) ?? 0) + 1);
          finish();
        });
        upstreamRes.on('error', () => {
          finish();
          res.destroy();
        });
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      finish();
      const code = error.code ?? '';
      if (CONNECTION_ERRORS.has(code)) this.#ready.delete(backend);
      const safe =
        code === 'ECONNREFUSED' ||
        (CONNECTION_ERRORS.has(code) && IDEMPOTENT.has(req.method ?? ''));
      if (safe && triesLeft > 1 && !res.headersSent) {
        this.retried++;
        this.#send(req, res, body, triesLeft - 1);
        return;
      }
      this.failed++;
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`bad gateway: ${code || error.message}`);
      } else {
        res.destroy();
      }
    });
    upstream.end(body);
  }

  async stop(): Promise<void> {
    clearInterval(this.#probe);
    this.#server.closeAllConnections();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }
}

/**
 * One readiness probe on a fresh connection, as a kubelet probes. A
 * keep-alive connection probed every 200 ms never goes idle, and Backstage's
 * root HTTP server, when it stops, closes idle connections only and waits
 * for the others: a pooled probe connection kept a stopping replica up for
 * minutes.
 */
function probe(url: string): Promise<boolean> {
  return new Promise(resolve => {
    const req = http.get(url, { agent: false, timeout: 1000 }, res => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}
