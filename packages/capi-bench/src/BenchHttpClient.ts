import http from 'node:http';
import { USER_AUTH, networkRetries } from './backends';

/** A request the ratio run times: the same shape for every backend. */
export interface BenchRequest {
  method: 'GET' | 'POST';
  /** Path under the client's base URL, with its query. */
  path: string;
  /** A JSON body, encoded once when the request is made, not per call. */
  body?: unknown;
}

/** What a timed call returns: the answer's size, and its body only when asked to keep it. */
export interface CountedResponse {
  bytes: number;
  body?: Buffer;
}

/** A non-2xx answer: a wrong answer, never retried. */
class HttpStatusError extends Error {}

/** One prepared request; `keepBody` keeps this answer's body (a sample to check). */
export type TimedCall = (keepBody?: boolean) => Promise<CountedResponse>;

/**
 * The ratio run's HTTP client, one per backend: plain `node:http` over one
 * kept-alive connection, signed in as the bench user. A timed call only
 * counts the answer's bytes and drops each chunk as it arrives, so the
 * measured process neither parses nor holds the bodies (a Kubernetes
 * backend answer for the whole fleet is megabytes) and every backend is
 * read the same way. `json` reads and parses a whole answer, for the
 * correctness checks before and after timing.
 */
export class BenchHttpClient {
  readonly #url: URL;
  readonly #agent: http.Agent;

  static create(baseUrl: string): BenchHttpClient {
    return new BenchHttpClient(baseUrl);
  }

  private constructor(baseUrl: string) {
    this.#url = new URL(baseUrl);
    this.#agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  /** Prepares a request once, so the timed loop does no encoding. */
  prepare(request: BenchRequest): TimedCall {
    const body =
      request.body === undefined
        ? undefined
        : Buffer.from(JSON.stringify(request.body));
    const options: http.RequestOptions = {
      agent: this.#agent,
      host: this.#url.hostname,
      port: this.#url.port,
      method: request.method,
      path: `${this.#url.pathname}${request.path}`,
      headers: {
        authorization: USER_AUTH,
        ...(body
          ? {
              'content-type': 'application/json',
              'content-length': body.length,
            }
          : {}),
      },
    };
    const what = `${request.method} ${options.path}`;
    return (keepBody = false) =>
      this.#send(options, body, keepBody).catch(error => {
        // A kept-alive socket the server closes as a request goes out is a
        // client race, not a wrong answer: retried once and counted.
        if (!(error instanceof HttpStatusError)) {
          networkRetries.push(`${what}: ${error.code ?? error.message}`);
          return this.#send(options, body, keepBody);
        }
        throw error;
      });
  }

  /** A whole answer, parsed: for checks, never timed. */
  async json<T>(request: BenchRequest): Promise<T> {
    const { body } = await this.prepare(request)(true);
    return JSON.parse(body!.toString('utf8')) as T;
  }

  /** Closes the kept-alive connection. */
  close() {
    this.#agent.destroy();
  }

  #send(
    options: http.RequestOptions,
    body: Buffer | undefined,
    keepBody: boolean,
  ): Promise<CountedResponse> {
    return new Promise((resolve, reject) => {
      const req = http.request(options, res => {
        const ok = res.statusCode! >= 200 && res.statusCode! < 300;
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (keepBody || (!ok && bytes < 4096)) chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => {
          if (!ok) {
            const text = Buffer.concat(chunks).toString('utf8').slice(0, 300);
            reject(
              new HttpStatusError(
                `${options.method} ${options.path}: HTTP ${res.statusCode} ${text}`,
              ),
            );
            return;
          }
          resolve(
            keepBody ? { bytes, body: Buffer.concat(chunks) } : { bytes },
          );
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}
