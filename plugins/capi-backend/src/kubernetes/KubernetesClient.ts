import * as https from 'node:https';
import * as http from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { Utf8LineSplitter } from '@capstan/plugin-capi-common';
import type { ManagementClusterSpec } from '../services/ManagementClusterConfig';
import { loadClientNode } from './loadClientNode';

/**
 * A failed Kubernetes API call, with the HTTP status (or the `code` of a
 * watch ERROR event) when there was one.
 *
 * @public
 */
export class KubernetesApiError extends Error {
  readonly status?: number;
  readonly reason?: string;
  constructor(message: string, status?: number, reason?: string) {
    super(message);
    this.name = 'KubernetesApiError';
    this.status = status;
    this.reason = reason;
  }
}

/** One line of a watch stream. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

/**
 * The two calls the cache needs from an API server. Injectable so that
 * tests can count or fake requests.
 *
 * @public
 */
export interface KubernetesTransport {
  /** GET returning parsed JSON; rejects with KubernetesApiError on HTTP errors. */
  getJson(path: string, options?: { signal?: AbortSignal }): Promise<unknown>;
  /**
   * Streams a watch; resolves when the server ends the stream, rejects on
   * errors, and resolves quietly when the signal aborts it.
   */
  watch(
    path: string,
    onEvent: (event: WatchEvent) => void,
    options: { signal: AbortSignal; onConnected?: () => void },
  ): Promise<void>;
  close(): void;
}

function toBase64Pem(caData: string): string {
  return caData.trim().startsWith('-----BEGIN')
    ? Buffer.from(caData, 'utf8').toString('base64')
    : caData;
}

async function loadKubeConfig(
  spec: ManagementClusterSpec,
): Promise<KubeConfig> {
  const k8s = await loadClientNode();
  const kc = new k8s.KubeConfig();
  const cluster = {
    name: spec.name,
    server: spec.url ?? '',
    caData: spec.caData ? toBase64Pem(spec.caData) : undefined,
    caFile: spec.caFile,
    skipTLSVerify: spec.skipTLSVerify,
  };
  switch (spec.auth.type) {
    case 'serviceAccountToken':
      kc.loadFromOptions({
        clusters: [cluster],
        users: [{ name: spec.name, token: spec.auth.token }],
        contexts: [{ name: spec.name, cluster: spec.name, user: spec.name }],
        currentContext: spec.name,
      });
      break;
    case 'kubeconfig':
      if (spec.auth.file) {
        kc.loadFromFile(spec.auth.file);
      } else {
        kc.loadFromDefault();
      }
      if (spec.auth.context) {
        kc.setCurrentContext(spec.auth.context);
      }
      break;
    case 'inCluster':
      kc.loadFromCluster();
      break;
    default:
      throw new Error('unknown auth type');
  }
  const current = kc.getCurrentCluster();
  if (!current) {
    throw new Error(`no cluster in the ${spec.auth.type} configuration`);
  }
  // Config values override what the kubeconfig says.
  if (
    spec.auth.type !== 'serviceAccountToken' &&
    (spec.url || spec.caData || spec.caFile || spec.skipTLSVerify)
  ) {
    const merged = {
      ...current,
      server: spec.url ?? current.server,
      caData: spec.caData ? toBase64Pem(spec.caData) : current.caData,
      caFile: spec.caFile ?? current.caFile,
      skipTLSVerify: spec.skipTLSVerify || current.skipTLSVerify,
    };
    const user = kc.getCurrentUser() ?? { name: 'anonymous' };
    kc.loadFromClusterAndUser(merged, user);
  }
  return kc;
}

/**
 * Kubernetes API transport over Node's https module, with one keep-alive
 * agent per management cluster. Credentials (tokens, client certificates,
 * CA) come from `@kubernetes/client-node`'s KubeConfig, so kubeconfig exec
 * plugins and in-cluster token rotation keep working.
 *
 * @public
 */
export class KubernetesClient implements KubernetesTransport {
  readonly #server: URL;
  readonly #kubeConfig: KubeConfig;
  readonly #agent: http.Agent;
  readonly #requestTimeoutMs: number;

  static async create(
    spec: ManagementClusterSpec,
    options: { requestTimeoutMs?: number } = {},
  ): Promise<KubernetesClient> {
    const kc = await loadKubeConfig(spec);
    const server = kc.getCurrentCluster()!.server;
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      throw new Error(`server "${server}" is not a URL`);
    }
    const tlsOptions: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(tlsOptions);
    const agent =
      url.protocol === 'http:'
        ? new http.Agent({ keepAlive: true })
        : new https.Agent({
            keepAlive: true,
            ca: tlsOptions.ca,
            cert: tlsOptions.cert,
            key: tlsOptions.key,
            pfx: tlsOptions.pfx,
            passphrase: tlsOptions.passphrase,
            rejectUnauthorized: tlsOptions.rejectUnauthorized !== false,
          });
    return new KubernetesClient(
      url,
      kc,
      agent,
      options.requestTimeoutMs ?? 30_000,
    );
  }

  private constructor(
    server: URL,
    kubeConfig: KubeConfig,
    agent: http.Agent,
    requestTimeoutMs: number,
  ) {
    this.#server = server;
    this.#kubeConfig = kubeConfig;
    this.#agent = agent;
    this.#requestTimeoutMs = requestTimeoutMs;
  }

  async #request(
    path: string,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
  ): Promise<http.IncomingMessage> {
    // Asked per request: exec plugins and projected tokens rotate.
    const auth: https.RequestOptions = {};
    await this.#kubeConfig.applyToHTTPSOptions(auth);
    const base = this.#server.pathname.replace(/\/$/, '');
    const transport = this.#server.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        {
          protocol: this.#server.protocol,
          hostname: this.#server.hostname,
          port: this.#server.port || undefined,
          path: `${base}${path}`,
          method: 'GET',
          agent: this.#agent,
          headers: {
            ...(auth.headers as Record<string, string> | undefined),
            Accept: 'application/json',
          },
          signal,
        },
        resolve,
      );
      if (timeoutMs) {
        req.setTimeout(timeoutMs, () =>
          req.destroy(new Error(`request timed out after ${timeoutMs} ms`)),
        );
      }
      req.on('error', reject);
      req.end();
    });
  }

  async #errorFrom(res: http.IncomingMessage): Promise<KubernetesApiError> {
    const chunks: Buffer[] = [];
    for await (const chunk of res) {
      chunks.push(chunk as Buffer);
      if (chunks.length > 64) {
        break;
      }
    }
    let message = `HTTP ${res.statusCode}`;
    let reason: string | undefined;
    try {
      const status = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (typeof status?.message === 'string') {
        message = `HTTP ${res.statusCode}: ${status.message}`;
      }
      reason = typeof status?.reason === 'string' ? status.reason : undefined;
    } catch {
      // not a Status object; keep the HTTP status
    }
    return new KubernetesApiError(message, res.statusCode, reason);
  }

  async getJson(path: string, options: { signal?: AbortSignal } = {}) {
    const res = await this.#request(
      path,
      options.signal,
      this.#requestTimeoutMs,
    );
    if ((res.statusCode ?? 0) >= 300) {
      throw await this.#errorFrom(res);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of res) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new KubernetesApiError(
        `response to ${path} is not JSON`,
        res.statusCode,
      );
    }
  }

  async watch(
    path: string,
    onEvent: (event: WatchEvent) => void,
    options: { signal: AbortSignal; onConnected?: () => void },
  ): Promise<void> {
    let res: http.IncomingMessage;
    try {
      res = await this.#request(path, options.signal, undefined);
    } catch (error) {
      if (options.signal.aborted) {
        return;
      }
      throw error;
    }
    if ((res.statusCode ?? 0) >= 300) {
      throw await this.#errorFrom(res);
    }
    res.socket?.setKeepAlive(true, 30_000);
    options.onConnected?.();
    // Chunks may end inside a character or a line; the splitter keeps both.
    const lines = new Utf8LineSplitter();
    try {
      for await (const chunk of res) {
        for (const line of lines.push(chunk as Buffer)) {
          onEvent(parseWatchLine(line));
        }
      }
    } catch (error) {
      if (options.signal.aborted) {
        return;
      }
      throw error;
    }
    if (!res.complete && !options.signal.aborted) {
      throw new KubernetesApiError('watch connection was reset');
    }
    for (const line of lines.end()) {
      onEvent(parseWatchLine(line));
    }
  }

  close() {
    this.#agent.destroy();
  }
}

function parseWatchLine(line: string): WatchEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new KubernetesApiError('watch stream sent a line that is not JSON');
  }
  const event = parsed as Partial<WatchEvent> | null;
  const types = ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR'];
  if (
    !event ||
    typeof event !== 'object' ||
    !types.includes(event.type as string)
  ) {
    throw new KubernetesApiError('watch stream sent an event of unknown type');
  }
  return event as WatchEvent;
}
