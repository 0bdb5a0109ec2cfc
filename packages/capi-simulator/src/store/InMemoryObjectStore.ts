import { randomUUID } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ResourceDefinition, ResourceRegistry } from '../api/resources';
import { KubeObject, ObjectStore } from '../types';
import { EventFeed, StoreEvent, StoreListener } from './EventFeed';
import {
  checkObjectName,
  randomSuffix,
  rfc3339,
  specChanged,
} from './objectMetadata';
import { applyMergePatch } from './patches';
import { StoredEntry, entriesInKeyRange, entryKey } from './storedEntries';

// Importers take these from the store itself.
export type { StoreEvent, StoreEventType, StoreListener } from './EventFeed';
export type { StoredEntry } from './storedEntries';
export { rfc3339 } from './objectMetadata';

interface ResourceTable {
  def: ResourceDefinition;
  entries: Map<string, StoredEntry>;
  sorted?: StoredEntry[];
  /** Entries by `namespace/value` of the indexed label. */
  byLabel: Map<string, Set<StoredEntry>>;
}

export interface InMemoryObjectStoreOptions {
  registry: ResourceRegistry;
  /** Events kept for resuming watches. */
  historySize?: number;
  /** A label whose values are indexed (e.g. the CAPI cluster-name label). */
  indexedLabel?: string;
  /** Source of uids; default random v4 UUIDs. */
  newUid?: () => string;
  now?: () => Date;
}

/** The object store of one management cluster, with a global resourceVersion like etcd's revision. */
export class InMemoryObjectStore implements ObjectStore {
  readonly registry: ResourceRegistry;
  #tables = new Map<string, ResourceTable>();
  #revision = 0;
  readonly #feed: EventFeed;
  /** Owner uid → its dependents, with their resource names. */
  #dependents = new Map<string, Map<StoredEntry, string>>();
  readonly #newUid: () => string;
  readonly #now: () => Date;
  readonly #indexedLabel?: string;

  constructor(options: InMemoryObjectStoreOptions) {
    this.registry = options.registry;
    this.#feed = new EventFeed(options.historySize ?? 20000);
    this.#newUid = options.newUid ?? randomUUID;
    this.#indexedLabel = options.indexedLabel;
    this.#now = options.now ?? (() => new Date());
  }

  get revision(): number {
    return this.#revision;
  }

  /** Watches from a resourceVersion below this get 410 Gone. */
  get compactedRevision(): number {
    return this.#feed.compactedRevision;
  }

  definition(resource: string): ResourceDefinition {
    const def = this.registry.byKey(resource);
    if (!def) {
      throw new NotFoundError(
        `the server doesn't have a resource type "${resource}"`,
      );
    }
    return def;
  }

  #table(resource: string): ResourceTable {
    let table = this.#tables.get(resource);
    if (!table) {
      table = {
        def: this.definition(resource),
        entries: new Map(),
        byLabel: new Map(),
      };
      this.#tables.set(resource, table);
    }
    return table;
  }

  /** Entries in key order (namespace, then name), optionally one namespace's, after a key. */
  entries(
    resource: string,
    namespace?: string,
    afterKey?: string,
  ): StoredEntry[] {
    const table = this.#table(resource);
    if (!table.sorted) {
      table.sorted = [...table.entries.values()].sort((a, b) => {
        if (a.key === b.key) return 0;
        return a.key < b.key ? -1 : 1;
      });
    }
    return entriesInKeyRange(table.sorted, namespace, afterKey);
  }

  /** Entries whose indexed label has `value`, in one namespace. */
  entriesByLabel(
    resource: string,
    namespace: string | undefined,
    value: string,
  ): StoredEntry[] {
    const set = this.#tables
      .get(resource)
      ?.byLabel.get(`${namespace ?? ''}/${value}`);
    return set ? [...set] : [];
  }

  #index(
    table: ResourceTable,
    entry: StoredEntry,
    labels: Record<string, string> | undefined,
    add: boolean,
  ) {
    const value = this.#indexedLabel ? labels?.[this.#indexedLabel] : undefined;
    if (value === undefined) return;
    const key = `${entry.namespace ?? ''}/${value}`;
    let set = table.byLabel.get(key);
    if (add) {
      if (!set) table.byLabel.set(key, (set = new Set()));
      set.add(entry);
    } else if (set) {
      set.delete(entry);
      if (set.size === 0) table.byLabel.delete(key);
    }
  }

  entry(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): StoredEntry | undefined {
    return this.#table(resource).entries.get(
      entryKey(this.#namespaceFor(resource, namespace), name),
    );
  }

  count(resource: string): number {
    return this.#tables.get(resource)?.entries.size ?? 0;
  }

  list(resource: string, namespace?: string): KubeObject[] {
    return this.entries(resource, namespace).map(e => JSON.parse(e.json));
  }

  get(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const entry = this.entry(resource, namespace, name);
    return entry ? JSON.parse(entry.json) : undefined;
  }

  #namespaceFor(
    resource: string,
    namespace: string | undefined,
  ): string | undefined {
    return this.definition(resource).namespaced
      ? namespace || 'default'
      : undefined;
  }

  create(resource: string, input: KubeObject): KubeObject {
    const table = this.#table(resource);
    const def = table.def;
    const obj: KubeObject = structuredClone(input);
    if (
      !obj ||
      typeof obj !== 'object' ||
      typeof obj.metadata !== 'object' ||
      !obj.metadata
    ) {
      throw new InputError(`a ${def.kind} needs metadata`);
    }
    const meta = obj.metadata;
    if (!meta.name && meta.generateName) {
      meta.name = `${meta.generateName}${randomSuffix(5)}`;
    }
    checkObjectName(def, meta.name);
    meta.namespace = this.#namespaceFor(resource, meta.namespace);
    if (meta.namespace === undefined) delete meta.namespace;
    const key = entryKey(meta.namespace, meta.name);
    if (table.entries.has(key)) {
      throw new ConflictError(`${resource} "${meta.name}" already exists`);
    }
    if (def.namespaced && meta.namespace && resource !== 'namespaces') {
      this.#ensureNamespace(meta.namespace);
    }
    obj.apiVersion = def.group
      ? `${def.group}/${def.versions[0]}`
      : def.versions[0];
    obj.kind = def.kind;
    meta.uid = meta.uid || this.#newUid();
    meta.creationTimestamp = meta.creationTimestamp || rfc3339(this.#now());
    meta.generation = 1;
    delete meta.deletionTimestamp;
    if (resource === 'namespaces') {
      obj.spec = obj.spec ?? { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
    }
    const rv = ++this.#revision;
    meta.resourceVersion = String(rv);
    const entry: StoredEntry = {
      key,
      name: meta.name,
      namespace: meta.namespace,
      rv,
      labels: meta.labels,
      owners: meta.ownerReferences?.map(ref => ref.uid),
      json: JSON.stringify(obj),
    };
    this.#trackOwners(resource, entry, true);
    table.entries.set(key, entry);
    table.sorted = undefined;
    this.#index(table, entry, entry.labels, true);
    this.#emit({
      type: 'ADDED',
      resource,
      rv,
      name: entry.name,
      namespace: entry.namespace,
      labels: entry.labels,
      json: entry.json,
    });
    return obj;
  }

  update(resource: string, input: KubeObject): KubeObject {
    return this.#update(resource, input, false);
  }

  /**
   * Sets metadata.deletionTimestamp, as deleting an object that has
   * finalizers does: the object stays (phase Deleting) until it is deleted.
   */
  markForDeletion(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const current = this.get(resource, namespace, name);
    if (!current) {
      throw new NotFoundError(`${resource} "${name}" not found`);
    }
    if (current.metadata.deletionTimestamp) return current;
    current.metadata.deletionTimestamp = rfc3339(this.#now());
    return this.#update(resource, current, true);
  }

  #update(
    resource: string,
    input: KubeObject,
    settingDeletion: boolean,
  ): KubeObject {
    const table = this.#table(resource);
    const obj: KubeObject = structuredClone(input);
    if (!obj?.metadata?.name) {
      throw new InputError(`a ${table.def.kind} needs metadata.name`);
    }
    const namespace = this.#namespaceFor(resource, obj.metadata.namespace);
    const entry = table.entries.get(entryKey(namespace, obj.metadata.name));
    if (!entry) {
      throw new NotFoundError(`${resource} "${obj.metadata.name}" not found`);
    }
    if (
      obj.metadata.resourceVersion &&
      obj.metadata.resourceVersion !== String(entry.rv)
    ) {
      throw new ConflictError(
        `Operation cannot be fulfilled on ${resource} "${entry.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    const current: KubeObject = JSON.parse(entry.json);
    const meta = obj.metadata;
    obj.apiVersion = current.apiVersion;
    obj.kind = current.kind;
    meta.namespace = namespace;
    if (namespace === undefined) delete meta.namespace;
    meta.uid = current.metadata.uid;
    meta.creationTimestamp = current.metadata.creationTimestamp;
    meta.generation =
      (current.metadata.generation ?? 1) + (specChanged(current, obj) ? 1 : 0);
    // deletionTimestamp is server-owned: only a deletion sets it.
    if (current.metadata.deletionTimestamp) {
      meta.deletionTimestamp = current.metadata.deletionTimestamp;
    } else if (!settingDeletion) {
      delete meta.deletionTimestamp;
    }
    const previousLabels = entry.labels;
    const rv = ++this.#revision;
    meta.resourceVersion = String(rv);
    entry.rv = rv;
    this.#index(table, entry, previousLabels, false);
    entry.labels = meta.labels;
    this.#index(table, entry, entry.labels, true);
    entry.json = JSON.stringify(obj);
    this.#trackOwners(resource, entry, false);
    entry.owners = meta.ownerReferences?.map(ref => ref.uid);
    this.#trackOwners(resource, entry, true);
    this.#emit({
      type: 'MODIFIED',
      resource,
      rv,
      name: entry.name,
      namespace: entry.namespace,
      labels: entry.labels,
      previousLabels,
      json: entry.json,
    });
    return obj;
  }

  mergePatch(
    resource: string,
    namespace: string | undefined,
    name: string,
    patch: object,
  ): KubeObject {
    const current = this.get(resource, namespace, name);
    if (!current) {
      throw new NotFoundError(`${resource} "${name}" not found`);
    }
    const patched = applyMergePatch(current, patch) as KubeObject;
    // A patch only conflicts when it names a resourceVersion itself.
    const patchRv = (patch as { metadata?: { resourceVersion?: string } })
      .metadata?.resourceVersion;
    patched.metadata = {
      ...patched.metadata,
      resourceVersion: patchRv ?? current.metadata.resourceVersion,
    };
    return this.update(resource, patched);
  }

  delete(resource: string, namespace: string | undefined, name: string): void {
    const table = this.#table(resource);
    const key = entryKey(this.#namespaceFor(resource, namespace), name);
    const entry = table.entries.get(key);
    if (!entry) {
      throw new NotFoundError(`${resource} "${name}" not found`);
    }
    table.entries.delete(key);
    table.sorted = undefined;
    this.#index(table, entry, entry.labels, false);
    this.#trackOwners(resource, entry, false);
    const obj: KubeObject = JSON.parse(entry.json);
    const rv = ++this.#revision;
    obj.metadata.resourceVersion = String(rv);
    this.#emit({
      type: 'DELETED',
      resource,
      rv,
      name: entry.name,
      namespace: entry.namespace,
      labels: entry.labels,
      json: JSON.stringify(obj),
    });
    if (obj.metadata.uid) {
      this.#collectDependents(obj.metadata.uid, entry.namespace);
    }
  }

  #trackOwners(resource: string, entry: StoredEntry, add: boolean) {
    for (const uid of entry.owners ?? []) {
      let dependents = this.#dependents.get(uid);
      if (add) {
        if (!dependents) this.#dependents.set(uid, (dependents = new Map()));
        dependents.set(entry, resource);
      } else if (dependents) {
        dependents.delete(entry);
        if (dependents.size === 0) this.#dependents.delete(uid);
      }
    }
  }

  /** Deletes objects owned by a deleted object, like the garbage collector's background cascade. */
  #collectDependents(ownerUid: string, _namespace: string | undefined) {
    const dependents = this.#dependents.get(ownerUid);
    if (!dependents) return;
    for (const [entry, resource] of [...dependents]) {
      if (this.#tables.get(resource)?.entries.get(entry.key) === entry) {
        this.delete(resource, entry.namespace, entry.name);
      }
    }
  }

  subscribe(listener: StoreListener): () => void {
    return this.#feed.subscribe(listener);
  }

  /** Events after `rv`, or undefined when they are no longer kept (410 Gone). */
  eventsSince(rv: number): StoreEvent[] | undefined {
    return this.#feed.eventsSince(rv);
  }

  /** Makes every resourceVersion handed out so far too old to watch from. */
  expireResourceVersions(): void {
    this.#revision += 1;
    this.#feed.compactTo(this.#revision);
  }

  #emit(event: StoreEvent) {
    this.#feed.emit(event);
  }

  #ensureNamespace(namespace: string) {
    if (
      !this.#table('namespaces').entries.has(entryKey(undefined, namespace))
    ) {
      this.create('namespaces', { metadata: { name: namespace } });
    }
  }
}
