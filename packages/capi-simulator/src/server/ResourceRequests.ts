import type { IncomingMessage, ServerResponse } from 'node:http';
import YAML from 'yaml';
import { admit } from '../admission';
import { ResourceDefinition, resourceKey } from '../api/resources';
import { InMemoryObjectStore, StoredEntry } from '../store/InMemoryObjectStore';
import { applyJsonPatch, applyMergePatch } from '../store/patches';
import { KubeObject } from '../types';
import { decodeContinue, encodeContinue } from './continueToken';
import { filtersOf } from './selectorFilters';
import { KubeStatusError, toKubeStatusError } from './status';
import { inObject, outJson, outObject } from './versionConversion';
import { serveWatch } from './watchStream';
import { table, wantsTable } from './tables';

/** A parsed request for a resource: which resource, in which version and namespace, which object. */
export interface ResourceRequest {
  def: ResourceDefinition;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  req: IncomingMessage;
  res: ServerResponse;
}

export interface ResourceRequestsOptions {
  store: InMemoryObjectStore;
  bookmarkIntervalMs: number;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Serves get, list, watch, create, update, patch and delete for every registered resource. */
export class ResourceRequests {
  readonly #store: InMemoryObjectStore;
  readonly #bookmarkIntervalMs: number;
  readonly #watches = new Set<ServerResponse>();

  constructor(options: ResourceRequestsOptions) {
    this.#store = options.store;
    this.#bookmarkIntervalMs = options.bookmarkIntervalMs;
  }

  get openWatches(): number {
    return this.#watches.size;
  }

  /** Ends every open watch stream, as an apiserver restart or a load balancer timeout would. */
  dropWatches() {
    for (const res of this.#watches) {
      res.end();
      res.socket?.destroy();
    }
    this.#watches.clear();
  }

  async handle(r: ResourceRequest): Promise<void> {
    const method = r.req.method ?? 'GET';
    const watch =
      r.query.get('watch') === 'true' || r.query.get('watch') === '1';
    if (r.name === undefined) {
      if (method === 'GET' && watch) {
        return serveWatch(r, {
          store: this.#store,
          bookmarkIntervalMs: this.#bookmarkIntervalMs,
          watches: this.#watches,
        });
      }
      if (method === 'GET') return this.#list(r);
      if (method === 'POST') return this.#create(r);
      if (method === 'DELETE') return this.#deleteCollection(r);
    } else {
      if (r.subresource && r.subresource !== 'status') {
        throw new KubeStatusError(
          404,
          'NotFound',
          `the server could not find the requested resource (${r.subresource})`,
        );
      }
      if (method === 'GET') return this.#get(r);
      if (method === 'PUT') return this.#update(r);
      if (method === 'PATCH') return this.#patch(r);
      if (method === 'DELETE') return this.#delete(r);
    }
    throw new KubeStatusError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
    );
  }

  // --- reads

  #get(r: ResourceRequest) {
    const entry = this.#store.entry(resourceKey(r.def), r.namespace, r.name!);
    if (!entry) throw this.#notFound(r);
    const obj = outObject(r, JSON.parse(entry.json));
    if (wantsTable(r.req.headers.accept)) {
      return send(
        r.res,
        200,
        table(r.def, [obj], { resourceVersion: String(entry.rv) }),
      );
    }
    return sendText(r.res, 200, JSON.stringify(obj));
  }

  #list(r: ResourceRequest) {
    const store = this.#store;
    const { filtered, matches } = filtersOf(r);
    const limit = Number(r.query.get('limit') ?? 0);
    const continueText = r.query.get('continue');
    let listRv = store.revision;
    let start: string | undefined;
    if (continueText) {
      const token = decodeContinue(continueText);
      if (token.rv < store.compactedRevision) {
        throw new KubeStatusError(
          410,
          'Expired',
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
        );
      }
      listRv = token.rv;
      start = token.start;
    }
    const entries = store.entries(resourceKey(r.def), r.namespace, start);
    const page: StoredEntry[] = [];
    let next: string | undefined;
    let index = 0;
    for (; index < entries.length; index++) {
      const entry = entries[index];
      if (!matches(entry)) continue;
      if (limit > 0 && page.length >= limit) {
        next = page[page.length - 1].key;
        break;
      }
      page.push(entry);
    }
    const metadata: Record<string, unknown> = {
      resourceVersion: String(listRv),
    };
    if (next !== undefined) {
      metadata.continue = encodeContinue({ rv: listRv, start: next });
      if (!filtered) metadata.remainingItemCount = entries.length - index;
    }
    if (wantsTable(r.req.headers.accept)) {
      const objects = page.map(e => outObject(r, JSON.parse(e.json)));
      return send(r.res, 200, table(r.def, objects, metadata));
    }
    const apiVersion = r.def.group ? `${r.def.group}/${r.version}` : r.version;
    const head = `{"kind":${JSON.stringify(
      `${r.def.kind}List`,
    )},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(
      metadata,
    )},"items":[`;
    const items = page.map(e => outJson(r, e.json)).join(',');
    return sendText(r.res, 200, `${head}${items}]}`);
  }

  // --- writes

  async #body(r: ResourceRequest): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of r.req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        throw new KubeStatusError(
          413,
          'RequestEntityTooLarge',
          'request body too large',
        );
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const type = r.req.headers['content-type'] ?? '';
    try {
      return type.includes('yaml') ? YAML.parse(text) : JSON.parse(text);
    } catch (error) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        `the request body is not valid ${
          type.includes('yaml') ? 'YAML' : 'JSON'
        }: ${(error as Error).message}`,
      );
    }
  }

  #checkKind(r: ResourceRequest, body: unknown): KubeObject {
    const obj = body as KubeObject;
    if (
      !obj ||
      typeof obj !== 'object' ||
      Array.isArray(obj) ||
      typeof obj.metadata !== 'object' ||
      !obj.metadata
    ) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        `the body must be a ${r.def.kind} object with metadata`,
      );
    }
    if (obj.kind && obj.kind !== r.def.kind) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        `the kind of the object (${obj.kind}) does not match the resource (${r.def.kind})`,
      );
    }
    const group = obj.apiVersion?.includes('/')
      ? obj.apiVersion.split('/')[0]
      : '';
    if (obj.apiVersion && group !== r.def.group) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        `the API version of the object (${
          obj.apiVersion
        }) does not match the resource's group (${r.def.group || 'core'})`,
      );
    }
    if (
      r.namespace &&
      obj.metadata.namespace &&
      obj.metadata.namespace !== r.namespace
    ) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    obj.kind = r.def.kind;
    obj.apiVersion =
      obj.apiVersion ??
      (r.def.group ? `${r.def.group}/${r.version}` : r.version);
    return inObject(r, obj);
  }

  async #create(r: ResourceRequest) {
    const obj = this.#checkKind(r, await this.#body(r));
    if (r.def.namespaced)
      obj.metadata.namespace = r.namespace ?? obj.metadata.namespace;
    // Server-owned fields are never taken from a client.
    for (const field of [
      'uid',
      'resourceVersion',
      'generation',
      'creationTimestamp',
      'deletionTimestamp',
    ] as const) {
      delete obj.metadata[field];
    }
    if (r.def.statusSubresource) delete obj.status;
    admit(r.def, { object: obj, reader: this.#store });
    const created = this.#store.create(resourceKey(r.def), obj);
    return sendText(r.res, 201, JSON.stringify(outObject(r, created)));
  }

  #write(
    r: ResourceRequest,
    desired: KubeObject,
    requireResourceVersion: boolean,
  ) {
    const resource = resourceKey(r.def);
    const current = this.#store.get(resource, r.namespace, r.name!);
    if (!current) throw this.#notFound(r);
    if (desired.metadata.name && desired.metadata.name !== r.name) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        `the name of the object (${desired.metadata.name}) does not match the name on the URL (${r.name})`,
      );
    }
    if (
      requireResourceVersion &&
      r.def.group &&
      !desired.metadata.resourceVersion
    ) {
      throw new KubeStatusError(
        422,
        'Invalid',
        `${r.def.kind}.${r.def.group} "${r.name}" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update`,
      );
    }
    let next: KubeObject;
    if (r.subresource === 'status') {
      // The status endpoint changes status only.
      next = {
        ...current,
        status: desired.status,
        metadata: {
          ...current.metadata,
          resourceVersion: desired.metadata.resourceVersion,
        },
      };
    } else {
      next = {
        ...desired,
        metadata: {
          ...desired.metadata,
          name: r.name!,
          namespace: r.namespace,
        },
      };
      if (r.def.statusSubresource) next.status = current.status;
      admit(r.def, { object: next, oldObject: current, reader: this.#store });
    }
    const updated = this.#store.update(resource, next);
    return sendText(r.res, 200, JSON.stringify(outObject(r, updated)));
  }

  async #update(r: ResourceRequest) {
    const obj = this.#checkKind(r, await this.#body(r));
    return this.#write(r, obj, true);
  }

  async #patch(r: ResourceRequest) {
    const type = (r.req.headers['content-type'] ?? '').split(';')[0].trim();
    const patch = await this.#body(r);
    const resource = resourceKey(r.def);
    const stored = this.#store.get(resource, r.namespace, r.name!);
    if (!stored) throw this.#notFound(r);
    const current = outObject(r, stored);
    let patched: unknown;
    if (type === 'application/merge-patch+json') {
      patched = applyMergePatch(current, patch);
    } else if (
      type === 'application/strategic-merge-patch+json' &&
      !r.def.group
    ) {
      // Close enough for the core kinds served here: none has merge-keyed lists we patch.
      patched = applyMergePatch(current, patch);
    } else if (type === 'application/json-patch+json') {
      patched = applyJsonPatch(current, patch);
    } else {
      throw new KubeStatusError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json${
          r.def.group ? '' : ', application/strategic-merge-patch+json'
        }`,
      );
    }
    const obj = inObject(r, patched as KubeObject);
    if (
      (patch as { metadata?: { resourceVersion?: string } })?.metadata
        ?.resourceVersion === undefined &&
      type !== 'application/json-patch+json'
    ) {
      obj.metadata.resourceVersion = stored.metadata.resourceVersion;
    }
    return this.#write(r, obj, false);
  }

  #delete(r: ResourceRequest) {
    const resource = resourceKey(r.def);
    const current = this.#store.get(resource, r.namespace, r.name!);
    if (!current) throw this.#notFound(r);
    this.#store.delete(resource, r.namespace, r.name!);
    return sendText(r.res, 200, JSON.stringify(outObject(r, current)));
  }

  #deleteCollection(r: ResourceRequest) {
    const resource = resourceKey(r.def);
    const { matches } = filtersOf(r);
    const deleted: KubeObject[] = [];
    for (const entry of this.#store.entries(resource, r.namespace)) {
      if (
        !matches(entry) ||
        !this.#store.entry(resource, entry.namespace, entry.name)
      )
        continue;
      deleted.push(outObject(r, JSON.parse(entry.json)));
      this.#store.delete(resource, entry.namespace, entry.name);
    }
    const apiVersion = r.def.group ? `${r.def.group}/${r.version}` : r.version;
    return send(r.res, 200, {
      kind: `${r.def.kind}List`,
      apiVersion,
      metadata: { resourceVersion: String(this.#store.revision) },
      items: deleted,
    });
  }

  #notFound(r: ResourceRequest) {
    const plural = r.def.group
      ? `${r.def.plural}.${r.def.group}`
      : r.def.plural;
    return new KubeStatusError(
      404,
      'NotFound',
      `${plural} "${r.name}" not found`,
      {
        name: r.name,
        group: r.def.group,
        kind: r.def.plural,
      },
    );
  }
}

export function sendText(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache, private',
  });
  res.end(body);
}

export function send(res: ServerResponse, status: number, body: unknown) {
  sendText(res, status, JSON.stringify(body));
}

export function sendError(res: ServerResponse, error: unknown) {
  const status = toKubeStatusError(error);
  if (res.headersSent) {
    res.end();
    return;
  }
  send(res, status.code, status.toStatus());
}
