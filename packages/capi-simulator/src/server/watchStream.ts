import type { ServerResponse } from 'node:http';
import { resourceKey } from '../api/resources';
import { InMemoryObjectStore, StoreEvent } from '../store/InMemoryObjectStore';
import type { ResourceRequest } from './ResourceRequests';
import { filtersOf } from './selectorFilters';
import { statusObject } from './status';
import { tableColumns, tableRow, wantsTable } from './tables';
import { outJson, outObject } from './versionConversion';

/** What a watch needs of the server: the store, the bookmark rhythm, the open watches. */
export interface WatchContext {
  store: InMemoryObjectStore;
  bookmarkIntervalMs: number;
  /** Open watch streams, so that they can be dropped. */
  watches: Set<ServerResponse>;
}

/**
 * Serves a watch as kube-apiserver does: initial events or events since a
 * resourceVersion (410 when compacted), selector transitions as
 * ADDED/DELETED, bookmarks, `timeoutSeconds`, Table rows for kubectl.
 */
export function serveWatch(r: ResourceRequest, ctx: WatchContext) {
  const store = ctx.store;
  const resource = resourceKey(r.def);
  const { matches } = filtersOf(r);
  const rvParam = r.query.get('resourceVersion');
  const sendInitial = r.query.get('sendInitialEvents') === 'true';
  const bookmarks = r.query.get('allowWatchBookmarks') === 'true';
  const timeoutSeconds = Number(r.query.get('timeoutSeconds') ?? 0);
  const asTable = wantsTable(r.req.headers.accept);
  const res = r.res;

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  // Clients wait for the response head before they consider the watch open.
  res.flushHeaders();
  const write = (type: string, objectJson: string) => {
    if (!res.writableEnded)
      res.write(`{"type":"${type}","object":${objectJson}}\n`);
  };
  const writeObject = (type: string, json: string) => {
    if (asTable) {
      const obj = outObject(r, JSON.parse(json));
      write(
        type,
        JSON.stringify({
          kind: 'Table',
          apiVersion: 'meta.k8s.io/v1',
          metadata: { resourceVersion: obj.metadata.resourceVersion },
          columnDefinitions: tableColumns(r.def),
          rows: [tableRow(r.def, obj)],
        }),
      );
    } else {
      write(type, outJson(r, json));
    }
  };
  const inScope = (e: { namespace: string | undefined }) =>
    r.namespace === undefined || e.namespace === r.namespace;
  const deliver = (event: StoreEvent) => {
    if (event.resource !== resource || !inScope(event)) return;
    const now = matches(event);
    if (event.type === 'MODIFIED') {
      const before = matches({ ...event, labels: event.previousLabels });
      if (now && before) writeObject('MODIFIED', event.json);
      else if (now) writeObject('ADDED', event.json);
      else if (before) writeObject('DELETED', event.json);
    } else if (now) {
      writeObject(event.type, event.json);
    }
  };

  if (!rvParam || rvParam === '0' || sendInitial) {
    for (const entry of store.entries(resource, r.namespace)) {
      if (matches(entry)) writeObject('ADDED', entry.json);
    }
    if (sendInitial && bookmarks) {
      write(
        'BOOKMARK',
        JSON.stringify(
          bookmarkOf(r, store, { 'k8s.io/initial-events-end': 'true' }),
        ),
      );
    }
  } else {
    const since = Number(rvParam);
    const events = Number.isFinite(since)
      ? store.eventsSince(since)
      : undefined;
    if (!events) {
      write(
        'ERROR',
        JSON.stringify(
          statusObject(
            410,
            'Expired',
            `too old resource version: ${rvParam} (${store.compactedRevision})`,
          ),
        ),
      );
      res.end();
      return;
    }
    events.forEach(deliver);
  }

  const unsubscribe = store.subscribe(deliver);
  ctx.watches.add(res);
  const timers: NodeJS.Timeout[] = [];
  if (bookmarks) {
    timers.push(
      setInterval(
        () => write('BOOKMARK', JSON.stringify(bookmarkOf(r, store))),
        ctx.bookmarkIntervalMs,
      ),
    );
  }
  if (timeoutSeconds > 0) {
    timers.push(setTimeout(() => res.end(), timeoutSeconds * 1000));
  }
  const cleanup = () => {
    unsubscribe();
    timers.forEach(t => clearInterval(t));
    ctx.watches.delete(res);
  };
  res.on('close', cleanup);
  res.on('finish', cleanup);
}

function bookmarkOf(
  r: ResourceRequest,
  store: InMemoryObjectStore,
  annotations?: Record<string, string>,
) {
  return {
    kind: r.def.kind,
    apiVersion: r.def.group ? `${r.def.group}/${r.version}` : r.version,
    metadata: {
      resourceVersion: String(store.revision),
      ...(annotations ? { annotations } : {}),
    },
  };
}
