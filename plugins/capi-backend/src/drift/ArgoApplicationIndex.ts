import type { ArgoCdApplicationStatus } from '@capstan/plugin-capi-common';

const MAX_MESSAGE = 500;

function at(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

const text = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** `a/b/` and `./a/b` as `a/b`. */
function normalisePath(path: string): string {
  return path.replace(/^\.\/+/, '').replace(/\/+$/, '');
}

/** An Application's paths (`spec.source.path`, or each of `spec.sources`). */
function pathsOf(item: unknown): string[] {
  const sources = at(item, 'spec', 'sources');
  const list = Array.isArray(sources) ? sources : [at(item, 'spec', 'source')];
  return list
    .map(source => text(at(source, 'path')))
    .filter((p): p is string => p !== undefined)
    .map(normalisePath);
}

/**
 * Reads the sync and health of an Argo CD Application
 * (`argoproj.io/v1alpha1`); undefined for something that is not one.
 * A failed or errored last sync gives the reason `sync failed: <message>`.
 */
export function readArgoApplication(
  item: unknown,
): (ArgoCdApplicationStatus & { paths: string[] }) | undefined {
  const name = text(at(item, 'metadata', 'name'));
  const namespace = text(at(item, 'metadata', 'namespace'));
  if (!name || !namespace) return undefined;
  const status: ArgoCdApplicationStatus & { paths: string[] } = {
    application: `${namespace}/${name}`,
    paths: pathsOf(item),
  };
  const set = (key: keyof ArgoCdApplicationStatus, value: unknown) => {
    const v = text(value);
    if (v) (status as unknown as Record<string, string>)[key] = v;
  };
  set('syncStatus', at(item, 'status', 'sync', 'status'));
  set('healthStatus', at(item, 'status', 'health', 'status'));
  set('revision', at(item, 'status', 'sync', 'revision'));
  set('operationPhase', at(item, 'status', 'operationState', 'phase'));
  set('finishedAt', at(item, 'status', 'operationState', 'finishedAt'));
  const message = text(at(item, 'status', 'operationState', 'message'));
  if (message) status.message = message.slice(0, MAX_MESSAGE);
  if (status.paths[0]) status.path = status.paths[0];
  if (status.operationPhase === 'Failed' || status.operationPhase === 'Error') {
    status.reason = `sync failed: ${status.message ?? 'no message'}`;
  } else {
    // Argo CD reports errors it met before syncing as conditions.
    const conditions = at(item, 'status', 'conditions');
    const error = (Array.isArray(conditions) ? conditions : []).find(c =>
      /Error$/.test(String(at(c, 'type'))),
    );
    const conditionMessage = text(at(error, 'message'));
    if (conditionMessage) {
      status.reason = `sync failed: ${conditionMessage.slice(0, MAX_MESSAGE)}`;
    }
  }
  return status;
}

type Entry = ArgoCdApplicationStatus & { paths: string[] };

/**
 * The Argo CD Applications of each management cluster, looked up by the
 * GitOps folder they cover: an Application whose path is the cluster's
 * folder or a parent of it (one per folder, or one per management cluster).
 */
export class ArgoApplicationIndex {
  readonly #apps = new Map<string, Map<string, Entry>>();
  readonly #listeners = new Set<(managementCluster: string) => void>();

  #of(mc: string) {
    let apps = this.#apps.get(mc);
    if (!apps) {
      apps = new Map();
      this.#apps.set(mc, apps);
    }
    return apps;
  }

  #changed(mc: string) {
    for (const listener of this.#listeners) listener(mc);
  }

  onChange(listener: (managementCluster: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  replace(mc: string, items: unknown[]): void {
    const apps = new Map<string, Entry>();
    for (const item of items) {
      const app = readArgoApplication(item);
      if (app) apps.set(app.application, app);
    }
    this.#apps.set(mc, apps);
    this.#changed(mc);
  }

  upsert(mc: string, item: unknown): void {
    const app = readArgoApplication(item);
    if (!app) return;
    this.#of(mc).set(app.application, app);
    this.#changed(mc);
  }

  remove(mc: string, item: unknown): void {
    const name = text(at(item, 'metadata', 'name'));
    const namespace = text(at(item, 'metadata', 'namespace'));
    if (this.#of(mc).delete(`${namespace}/${name}`)) this.#changed(mc);
  }

  /** The Application covering a folder: the one with the longest matching path. */
  forFolder(mc: string, folder: string): ArgoCdApplicationStatus | undefined {
    let best: Entry | undefined;
    let bestLength = -1;
    for (const app of this.#apps.get(mc)?.values() ?? []) {
      for (const path of app.paths) {
        const covers =
          path === folder || (path !== '' && folder.startsWith(`${path}/`));
        if (covers && path.length > bestLength) {
          best = app;
          bestLength = path.length;
        }
      }
    }
    if (!best) return undefined;
    const { paths: _paths, ...status } = best;
    return status;
  }
}
