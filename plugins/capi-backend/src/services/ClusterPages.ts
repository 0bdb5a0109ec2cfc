import {
  CAPI_PAGE_LIMITS,
  type ClusterDetailResponse,
  type ClusterListItem,
  type ClusterSummary,
  type PageInfo,
} from '@capstan/plugin-capi-common';
import type { FleetReader } from './FleetReader';

/** Which page to answer; both optional (defaults from CAPI_PAGE_LIMITS). */
export interface PageRequest {
  offset?: number;
  limit?: number;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : Number(a > b));

/**
 * The first `count` ids in code-unit order. For the first pages of a large
 * entity (an owner of 10,000 clusters) this keeps a short sorted list
 * instead of sorting every id on each request.
 */
export function firstInOrder(ids: readonly string[], count: number): string[] {
  if (count >= ids.length / 8) return [...ids].sort(byCodeUnit).slice(0, count);
  const kept: string[] = [];
  for (const id of ids) {
    if (kept.length === count && id >= kept[count - 1]) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (kept[mid] < id) low = mid + 1;
      else high = mid;
    }
    kept.splice(low, 0, id);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

function pageOf(
  request: PageRequest,
  limits: { default: number; max: number },
  total: number,
): PageInfo {
  const limit = Math.min(
    limits.max,
    Math.max(1, request.limit ?? limits.default),
  );
  return { offset: Math.max(0, request.offset ?? 0), limit, total };
}

/** A cluster without its machines, for lists. */
export function toListItem(summary: ClusterSummary): ClusterListItem {
  const { machines, ...rest } = summary;
  return { ...rest, machineCount: machines.length };
}

/**
 * Pages the reads that grew with the fleet: the clusters of an entity (as
 * list items without machines) and the machines of one cluster. Orders are
 * stable (cluster id, machine name, plain code-unit order) so offset pages
 * cover every item exactly once while nothing changes. Callers filter by
 * permission first, so `total` counts only what the caller may read; only
 * the clusters of the requested page are built.
 *
 * @public
 */
export class ClusterPages {
  readonly #reader: FleetReader;

  static create(options: { reader: FleetReader }): ClusterPages {
    return new ClusterPages(options.reader);
  }

  private constructor(reader: FleetReader) {
    this.#reader = reader;
  }

  /** One page of the given (already authorised) cluster ids, as list items. */
  clusters(
    readableIds: Iterable<string>,
    request: PageRequest = {},
  ): { items: ClusterListItem[] } & PageInfo {
    const { summaries, ...page } = this.summaries(readableIds, request);
    return { ...page, items: summaries.map(toListItem) };
  }

  /** One page of the given (already authorised) cluster ids, as summaries. */
  summaries(
    readableIds: Iterable<string>,
    request: PageRequest = {},
  ): { summaries: ClusterSummary[] } & PageInfo {
    const ids = [...new Set(readableIds)].filter(id =>
      this.#reader.index.has(id),
    );
    const page = pageOf(request, CAPI_PAGE_LIMITS.clusters, ids.length);
    const end = page.offset + page.limit;
    const summaries: ClusterSummary[] = [];
    const staleness = new Map();
    for (const id of firstInOrder(ids, end).slice(page.offset)) {
      const summary = this.#reader.cluster(id, staleness);
      if (summary) summaries.push(summary);
    }
    return { ...page, summaries };
  }

  /** A cluster's summary with one page of its machines, ordered by name. */
  machines(
    summary: ClusterSummary,
    request: PageRequest = {},
  ): ClusterDetailResponse {
    const sorted = [...summary.machines].sort((a, b) =>
      byCodeUnit(a.name, b.name),
    );
    const page = pageOf(request, CAPI_PAGE_LIMITS.machines, sorted.length);
    return {
      ...summary,
      machines: sorted.slice(page.offset, page.offset + page.limit),
      machinePage: page,
    };
  }
}
