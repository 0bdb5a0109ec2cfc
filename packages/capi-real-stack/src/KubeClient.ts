import https from 'node:https';
import { CustomErrorBase } from '@backstage/errors';

/** A Kubernetes object as written in a manifest. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** What discovery says about a kind. */
export interface ResourceInfo {
  plural: string;
  namespaced: boolean;
}

/** A request the API server refused, with its `Status` message. */
export class KubeApiError extends CustomErrorBase {
  name = 'KubeApiError' as const;
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string | undefined,
  ) {
    super(message);
  }
}

/**
 * A small client for the real API server: discovery, server-side apply (with
 * or without dry run), get and delete. Authenticates with a bearer token and
 * trusts only the stack's own CA.
 */
export class KubeClient {
  private readonly agent: https.Agent;
  private readonly discovery = new Map<string, Promise<ResourceInfo[]>>();

  constructor(
    private readonly options: { server: string; ca: string; token: string },
  ) {
    this.agent = new https.Agent({ ca: options.ca, keepAlive: false });
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; body: any }> {
    const url = new URL(path, this.options.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${this.options.token}`,
            Accept: 'application/json',
            ...(payload
              ? {
                  'Content-Type': contentType,
                  'Content-Length': Buffer.byteLength(payload),
                }
              : {}),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error('request timeout')));
      if (payload) req.write(payload);
      req.end();
    });
  }

  private async resourcesOf(apiVersion: string): Promise<ResourceInfo[]> {
    let cached = this.discovery.get(apiVersion);
    if (!cached) {
      const base = apiVersion.includes('/')
        ? `/apis/${apiVersion}`
        : `/api/${apiVersion}`;
      cached = this.request('GET', base).then(({ status, body }) =>
        status === 200
          ? (
              body.resources as Array<{
                name: string;
                kind: string;
                namespaced: boolean;
              }>
            )
              .filter(r => !r.name.includes('/'))
              .map(r => ({
                plural: r.name,
                namespaced: r.namespaced,
                kind: r.kind,
              }))
          : [],
      );
      this.discovery.set(apiVersion, cached);
    }
    return cached;
  }

  /** The resource serving a kind, or undefined when no installed CRD or built-in API has it. */
  async resourceFor(
    apiVersion: string,
    kind: string,
  ): Promise<ResourceInfo | undefined> {
    const resources = (await this.resourcesOf(apiVersion)) as Array<
      ResourceInfo & { kind: string }
    >;
    const found = resources.find(r => r.kind === kind);
    return found
      ? { plural: found.plural, namespaced: found.namespaced }
      : undefined;
  }

  /** Forgets discovery, e.g. after CRDs were installed. */
  resetDiscovery() {
    this.discovery.clear();
  }

  async pathOf(
    obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>,
  ): Promise<string> {
    const resource = await this.resourceFor(obj.apiVersion, obj.kind);
    if (!resource) {
      throw new KubeApiError(
        `the API server has no resource for ${obj.apiVersion} ${obj.kind} (CRD not installed)`,
        404,
        'NotFound',
      );
    }
    const group = obj.apiVersion.includes('/')
      ? `/apis/${obj.apiVersion}`
      : `/api/${obj.apiVersion}`;
    const ns =
      resource.namespaced && obj.metadata.namespace
        ? `/namespaces/${encodeURIComponent(obj.metadata.namespace)}`
        : '';
    return `${group}${ns}/${resource.plural}/${encodeURIComponent(
      obj.metadata.name,
    )}`;
  }

  private static fail(
    what: string,
    { status, body }: { status: number; body: any },
  ): never {
    const message =
      body && typeof body === 'object' && typeof body.message === 'string'
        ? body.message
        : String(body).slice(0, 500);
    throw new KubeApiError(
      `${what}: ${status} ${message}`,
      status,
      body?.reason,
    );
  }

  /** Server-side apply as `fieldManager`; with `dryRun` nothing is stored. */
  async apply(
    obj: KubeObject,
    options: { dryRun: boolean; fieldManager?: string },
  ): Promise<KubeObject> {
    const query = new URLSearchParams({
      fieldManager: options.fieldManager ?? 'capstan',
      force: 'true',
    });
    if (options.dryRun) query.set('dryRun', 'All');
    const response = await this.request(
      'PATCH',
      `${await this.pathOf(obj)}?${query}`,
      obj,
      'application/apply-patch+yaml',
    );
    if (response.status >= 300) {
      KubeClient.fail(
        `apply ${obj.kind} ${obj.metadata.namespace ?? ''}/${
          obj.metadata.name
        }`,
        response,
      );
    }
    return response.body as KubeObject;
  }

  /** Creates an object (POST), as a client without server-side apply would. */
  async create(obj: KubeObject): Promise<KubeObject> {
    const path = await this.pathOf(obj);
    const response = await this.request(
      'POST',
      path.slice(0, path.lastIndexOf('/')),
      obj,
    );
    if (response.status >= 300) {
      KubeClient.fail(`create ${obj.kind} ${obj.metadata.name}`, response);
    }
    return response.body as KubeObject;
  }

  /** A JSON merge patch (RFC 7386) of an object. */
  async mergePatch(
    obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>,
    patch: Record<string, unknown>,
  ): Promise<KubeObject> {
    const response = await this.request(
      'PATCH',
      await this.pathOf(obj),
      patch,
      'application/merge-patch+json',
    );
    if (response.status >= 300) {
      KubeClient.fail(`patch ${obj.kind} ${obj.metadata.name}`, response);
    }
    return response.body as KubeObject;
  }

  async get(
    obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>,
  ): Promise<KubeObject | undefined> {
    const response = await this.request('GET', await this.pathOf(obj));
    if (response.status === 404) return undefined;
    if (response.status >= 300) {
      KubeClient.fail(`get ${obj.kind} ${obj.metadata.name}`, response);
    }
    return response.body as KubeObject;
  }

  async delete(
    obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>,
  ): Promise<void> {
    const response = await this.request('DELETE', await this.pathOf(obj));
    if (response.status >= 300 && response.status !== 404) {
      KubeClient.fail(`delete ${obj.kind} ${obj.metadata.name}`, response);
    }
  }

  async ensureNamespace(name: string): Promise<void> {
    await this.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      { dryRun: false },
    );
  }
}
