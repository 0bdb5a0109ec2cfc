import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { ResourceDefinition, ResourceRegistry } from '../api/resources';
import { InMemoryObjectStore } from '../store/InMemoryObjectStore';
import { CapiVersion, FaultOptions } from '../types';
import { ResourceRequests, send, sendError } from './ResourceRequests';
import { KubeStatusError } from './status';

export type Access = 'full' | 'read' | 'restricted';

/** Handlers behind `/_simulator/...`, reachable with the full token only. */
export type ControlHandler = (
  action: string,
  method: string,
  body: Record<string, unknown>,
) => Promise<unknown> | unknown;

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

const READ_VERBS = new Set(['get', 'list', 'watch']);
const KUBERNETES_VERSION = { major: '1', minor: '34', gitVersion: 'v1.34.1' };

function verbOf(method: string, named: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
      if (watch) return 'watch';
      return named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

function sameSecret(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/**
 * One simulated management cluster's API endpoint: HTTPS, bearer tokens,
 * discovery, resources and the `/_simulator` control endpoint.
 */
export class KubeApiServer {
  readonly name: string;
  readonly #options: KubeApiServerOptions;
  readonly #requests: ResourceRequests;
  readonly #server: https.Server;
  readonly #sockets = new Set<Socket>();
  #port: number;
  #listening = false;
  #faults: Required<FaultOptions>;

  constructor(options: KubeApiServerOptions) {
    this.name = options.name;
    this.#options = options;
    this.#port = options.port;
    this.#faults = { latencyMs: 0, errorRate: 0, ...options.faults };
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
    return { ...this.#faults };
  }

  get openWatches(): number {
    return this.#requests.openWatches;
  }

  setFaults(faults: FaultOptions) {
    if (
      faults.errorRate !== undefined &&
      !(faults.errorRate >= 0 && faults.errorRate <= 1)
    ) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        'errorRate must be between 0 and 1',
      );
    }
    if (faults.latencyMs !== undefined && !(faults.latencyMs >= 0)) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        'latencyMs must be 0 or more',
      );
    }
    const defined = Object.fromEntries(
      Object.entries(faults).filter(([, v]) => v !== undefined),
    );
    this.#faults = { ...this.#faults, ...defined };
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

  #access(req: IncomingMessage): Access | undefined {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) return undefined;
    const token = match[1].trim();
    const tokens = this.#options.tokens;
    for (const access of ['full', 'read', 'restricted'] as const) {
      if (sameSecret(token, tokens[access])) return access;
    }
    return undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'https://simulator');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const access = this.#access(req);
    if (!access) {
      throw new KubeStatusError(401, 'Unauthorized', 'Unauthorized');
    }
    if (path.startsWith('/_simulator')) {
      return this.#control(
        req,
        res,
        path.slice('/_simulator'.length).replace(/^\//, ''),
        access,
      );
    }
    if (this.#faults.latencyMs > 0) {
      await new Promise(resolve => setTimeout(resolve, this.#faults.latencyMs));
    }
    if (
      this.#faults.errorRate > 0 &&
      (this.#options.random ?? Math.random)() < this.#faults.errorRate
    ) {
      throw new KubeStatusError(
        500,
        'InternalError',
        'Internal error occurred: injected by capi-simulator',
      );
    }
    if (path === '/version') return send(res, 200, this.#version());
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
      if (segments.length === 1) return send(res, 200, this.#groupList());
      return this.#routeGroup(
        req,
        res,
        url,
        access,
        segments[1],
        segments.slice(2),
      );
    }
    throw new KubeStatusError(
      404,
      'NotFound',
      'the server could not find the requested resource',
    );
  }

  #servedVersions(def: ResourceDefinition): string[] {
    if (!def.versions.includes('v1beta2') && !def.versions.includes('v1beta1'))
      return def.versions;
    if (!def.group.endsWith('cluster.x-k8s.io')) return def.versions;
    if (def.versions.length === 1) return def.versions;
    return def.versions.filter(v =>
      this.#options.servedVersions.includes(v as CapiVersion),
    );
  }

  #routeGroup(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    access: Access,
    group: string,
    rest: string[],
  ) {
    const defs = this.#options.registry.definitions.filter(
      d => d.group === group,
    );
    if (defs.length === 0) {
      throw new KubeStatusError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    const versions = this.#groupVersions(defs);
    if (rest.length === 0) {
      return send(
        res,
        200,
        group ? this.#group(group, versions) : this.#coreVersions(req),
      );
    }
    const version = rest[0];
    if (!versions.includes(version)) {
      throw new KubeStatusError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    const served = defs.filter(d => this.#servedVersions(d).includes(version));
    if (rest.length === 1) {
      return send(res, 200, this.#resourceList(group, version, served));
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
      throw new KubeStatusError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    const watch =
      url.searchParams.get('watch') === 'true' ||
      url.searchParams.get('watch') === '1';
    const verb = verbOf(req.method ?? 'GET', name !== undefined, watch);
    this.#authorize(access, verb, def, namespace, subresource);
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

  #authorize(
    access: Access,
    verb: string,
    def: ResourceDefinition,
    namespace?: string,
    subresource?: string,
  ) {
    const capiGroup = def.group.endsWith('cluster.x-k8s.io');
    const allowed =
      access === 'full' ||
      (access === 'read' && READ_VERBS.has(verb)) ||
      (access === 'restricted' && READ_VERBS.has(verb) && !capiGroup);
    if (!allowed) {
      const user =
        access === 'read'
          ? 'capi-simulator:read-only'
          : 'capi-simulator:restricted';
      const resource = subresource
        ? `${def.plural}/${subresource}`
        : def.plural;
      const scope = namespace
        ? `in the namespace "${namespace}"`
        : 'at the cluster scope';
      const qualified = def.group ? `${def.plural}.${def.group}` : def.plural;
      throw new KubeStatusError(
        403,
        'Forbidden',
        `${qualified} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${def.group}" ${scope}`,
        { group: def.group, kind: def.plural },
      );
    }
  }

  // --- discovery

  #version() {
    return {
      ...KUBERNETES_VERSION,
      gitCommit: '0000000000000000000000000000000000000000',
      gitTreeState: 'clean',
      buildDate: '2026-01-01T00:00:00Z',
      goVersion: 'go1.24.0',
      compiler: 'gc',
      platform: 'linux/amd64',
    };
  }

  #coreVersions(req: IncomingMessage) {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [
        { clientCIDR: '0.0.0.0/0', serverAddress: req.headers.host ?? '' },
      ],
    };
  }

  #groupVersions(defs: ResourceDefinition[]): string[] {
    const order = ['v1', 'v1beta2', 'v1alpha2', 'v1beta1'];
    const versions = new Set(defs.flatMap(d => this.#servedVersions(d)));
    return [...versions].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  #group(name: string, versions: string[]) {
    const list = versions.map(version => ({
      groupVersion: `${name}/${version}`,
      version,
    }));
    return {
      kind: 'APIGroup',
      apiVersion: 'v1',
      name,
      versions: list,
      preferredVersion: list[0],
    };
  }

  #groupList() {
    const groups = [...this.#options.registry.groups()]
      .filter(([group]) => group !== '')
      .map(([group, defs]) => this.#group(group, this.#groupVersions(defs)))
      .filter(g => g.versions.length > 0);
    return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  }

  #resourceList(group: string, version: string, defs: ResourceDefinition[]) {
    const resources = defs.flatMap(def => {
      const verbs = [
        'delete',
        'deletecollection',
        'get',
        'list',
        'patch',
        'create',
        'update',
        'watch',
      ];
      const main = {
        name: def.plural,
        singularName: def.singular,
        namespaced: def.namespaced,
        kind: def.kind,
        verbs,
        ...(def.shortNames ? { shortNames: def.shortNames } : {}),
        ...(def.categories ? { categories: def.categories } : {}),
        storageVersionHash: Buffer.from(`${group}/${def.kind}`)
          .toString('base64')
          .slice(0, 11),
      };
      if (!def.statusSubresource) return [main];
      return [
        main,
        {
          name: `${def.plural}/status`,
          singularName: '',
          namespaced: def.namespaced,
          kind: def.kind,
          verbs: ['get', 'patch', 'update'],
        },
      ];
    });
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources,
    };
  }

  // --- control endpoint

  async #control(
    req: IncomingMessage,
    res: ServerResponse,
    action: string,
    access: Access,
  ) {
    if (access !== 'full') {
      throw new KubeStatusError(
        403,
        'Forbidden',
        'the simulator control endpoint needs the full-rights token',
      );
    }
    let body: Record<string, unknown> = {};
    if (req.method === 'POST' || req.method === 'PUT') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          throw new KubeStatusError(
            400,
            'BadRequest',
            'the control request body must be JSON',
          );
        }
      }
    }
    const handler = this.#options.control;
    if (!handler) {
      throw new KubeStatusError(
        404,
        'NotFound',
        `unknown simulator action "${action}"`,
      );
    }
    const result = await handler(action, req.method ?? 'GET', body);
    if (result === undefined) {
      throw new KubeStatusError(
        404,
        'NotFound',
        `unknown simulator action "${req.method} ${action}"`,
      );
    }
    send(res, 200, result);
  }
}
