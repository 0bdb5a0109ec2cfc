import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ResourceRegistry } from '../api/resources';
import { InMemoryObjectStore } from '../store/InMemoryObjectStore';
import { CapiVersion, FaultOptions } from '../types';
import { Access, accessOf, authorize, verbOf } from './authorization';
import { ControlHandler, serveControl } from './controlEndpoint';
import { ApiDiscovery } from './discovery';
import { FaultInjection } from './faultInjection';
import { ResourceRequests, send, sendError } from './ResourceRequests';
import { KubeStatusError } from './status';

export type { Access } from './authorization';
export type { ControlHandler } from './controlEndpoint';

export interface KubeApiServerOptions {
  name: string;
  store: InMemoryObjectStore;
  registry: ResourceRegistry;
  tls: { cert: string; key: string };
  tokens: Record<Access, string>;
  host: string;
  port: number;
  servedVersions: CapiVersion[];
  bookmarkIntervalMs: number;
  faults?: FaultOptions;
  control?: ControlHandler;
  random?: () => number;
}

function notFound(): KubeStatusError {
  return new KubeStatusError(
    404,
    'NotFound',
    'the server could not find the requested resource',
  );
}

/**
 * One simulated management cluster's API endpoint: HTTPS, bearer tokens,
 * discovery, resources and the `/_simulator` control endpoint. It routes each
 * request; discovery, authorization, fault injection and the resource verbs
 * live in modules of their own.
 */
export class KubeApiServer {
  readonly name: string;
  readonly #options: KubeApiServerOptions;
  readonly #requests: ResourceRequests;
  readonly #discovery: ApiDiscovery;
  readonly #faults: FaultInjection;
  readonly #server: https.Server;
  readonly #sockets = new Set<Socket>();
  #port: number;
  #listening = false;

  constructor(options: KubeApiServerOptions) {
    this.name = options.name;
    this.#options = options;
    this.#port = options.port;
    this.#faults = new FaultInjection(options.faults, options.random);
    this.#discovery = new ApiDiscovery({
      registry: options.registry,
      servedVersions: options.servedVersions,
    });
    this.#requests = new ResourceRequests({
      store: options.store,
      bookmarkIntervalMs: options.bookmarkIntervalMs,
    });
    this.#server = https.createServer(
      { cert: options.tls.cert, key: options.tls.key },
      (req, res) => {
        this.#handle(req, res).catch(error => sendError(res, error));
      },
    );
    this.#server.on('connection', socket => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    const host = this.#options.host.includes(':')
      ? `[${this.#options.host}]`
      : this.#options.host;
    return `https://${host}:${this.#port}`;
  }

  get listening(): boolean {
    return this.#listening;
  }

  get faults(): Required<FaultOptions> {
    return this.#faults.faults;
  }

  get openWatches(): number {
    return this.#requests.openWatches;
  }

  setFaults(faults: FaultOptions) {
    this.#faults.set(faults);
  }

  dropWatches() {
    this.#requests.dropWatches();
  }

  async listen(): Promise<void> {
    if (this.#listening) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.#server.once('error', onError);
      this.#server.listen(this.#port, this.#options.host, () => {
        this.#server.off('error', onError);
        resolve();
      });
    });
    const address = this.#server.address();
    if (address && typeof address === 'object') this.#port = address.port;
    this.#listening = true;
  }

  /** Stops listening and cuts every connection, like a management cluster going away. */
  async close(): Promise<void> {
    if (!this.#listening) return;
    this.#listening = false;
    this.#requests.dropWatches();
    const closed = new Promise<void>(resolve =>
      this.#server.close(() => resolve()),
    );
    this.#server.closeAllConnections();
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'https://simulator');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const access = accessOf(req, this.#options.tokens);
    if (!access) {
      throw new KubeStatusError(401, 'Unauthorized', 'Unauthorized');
    }
    if (path.startsWith('/_simulator')) {
      return serveControl(
        req,
        res,
        path.slice('/_simulator'.length).replace(/^\//, ''),
        access,
        this.#options.control,
      );
    }
    await this.#faults.apply();
    if (path === '/version') return send(res, 200, this.#discovery.version());
    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return undefined;
    }
    let segments: string[];
    try {
      segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      throw new KubeStatusError(
        400,
        'BadRequest',
        'the request path is not valid percent-encoding',
      );
    }
    if (segments[0] === 'api')
      return this.#routeGroup(req, res, url, access, '', segments.slice(1));
    if (segments[0] === 'apis') {
      if (segments.length === 1)
        return send(res, 200, this.#discovery.groupList());
      return this.#routeGroup(
        req,
        res,
        url,
        access,
        segments[1],
        segments.slice(2),
      );
    }
    throw notFound();
  }

  #routeGroup(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    access: Access,
    group: string,
    rest: string[],
  ) {
    const discovery = this.#discovery;
    const defs = this.#options.registry.definitions.filter(
      d => d.group === group,
    );
    if (defs.length === 0) throw notFound();
    const versions = discovery.groupVersions(defs);
    if (rest.length === 0) {
      return send(
        res,
        200,
        group ? discovery.group(group, versions) : discovery.coreVersions(req),
      );
    }
    const version = rest[0];
    if (!versions.includes(version)) throw notFound();
    const served = defs.filter(d =>
      discovery.servedVersions(d).includes(version),
    );
    if (rest.length === 1) {
      return send(res, 200, discovery.resourceList(group, version, served));
    }
    let namespace: string | undefined;
    let tail = rest.slice(1);
    if (tail[0] === 'namespaces' && tail.length >= 3) {
      namespace = tail[1];
      tail = tail.slice(2);
    }
    const [plural, name, subresource, ...extra] = tail;
    const def = served.find(d => d.plural === plural);
    if (
      !def ||
      extra.length > 0 ||
      (namespace !== undefined && !def.namespaced)
    ) {
      throw notFound();
    }
    const watch =
      url.searchParams.get('watch') === 'true' ||
      url.searchParams.get('watch') === '1';
    const verb = verbOf(req.method ?? 'GET', name !== undefined, watch);
    authorize(access, verb, def, namespace, subresource);
    return this.#requests.handle({
      def,
      version,
      namespace: def.namespaced ? namespace : undefined,
      name,
      subresource,
      query: url.searchParams,
      req,
      res,
    });
  }
}
