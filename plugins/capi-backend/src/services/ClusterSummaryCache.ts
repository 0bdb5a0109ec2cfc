import type { ClusterSummary } from '@capstan/plugin-capi-common';
import type { OverdueMachine } from './buildClusterSummary';

/**
 * What fleet-wide views need of one cluster, cached for every cluster:
 * deliberately small (no pools, conditions or machines), so that the whole
 * fleet fits in memory; full summaries are built for the clusters shown.
 *
 * @public
 */
export interface ClusterAggregate {
  id: string;
  managementCluster: string;
  namespace: string;
  name: string;
  /** For the fleet page's rows: the link to the cluster's entity. */
  entityName?: string;
  owner?: string;
  /** For the fleet page's rows. */
  provider?: string;
  status: ClusterSummary['status'];
  /** For the fleet page's rows (the status chip's tooltip). */
  headline?: ClusterSummary['headline'];
  phase: string;
  desiredVersion?: string;
  actualVersion?: string;
  runningVersions: string[];
  patch: ClusterSummary['patch'];
  machineCount: number;
  overdueMachines: OverdueMachine[];
}

/** A summary as built, with what the aggregate needs besides it. */
export interface BuiltSummary {
  summary: ClusterSummary;
  machineCount: number;
  overdueMachines: OverdueMachine[];
  validUntil: number;
}

/** The aggregate of a built summary; `id` is the index's one copy of the id. */
export function toAggregate(id: string, built: BuiltSummary): ClusterAggregate {
  const s = built.summary;
  const aggregate: ClusterAggregate = {
    id,
    managementCluster: s.managementCluster,
    namespace: s.namespace,
    name: s.name,
    status: s.status,
    phase: s.phase,
    runningVersions: s.runningVersions,
    patch: s.patch,
    machineCount: built.machineCount,
    overdueMachines: built.overdueMachines,
  };
  if (s.entityName) aggregate.entityName = s.entityName;
  if (s.owner) aggregate.owner = s.owner;
  if (s.provider) aggregate.provider = s.provider;
  if (s.headline) aggregate.headline = s.headline;
  if (s.desiredVersion) aggregate.desiredVersion = s.desiredVersion;
  if (s.actualVersion) aggregate.actualVersion = s.actualVersion;
  return aggregate;
}

/**
 * Full summaries (with machines) of the most recently read clusters, least
 * recently used dropped first (a Map's insertion order is the LRU order),
 * each valid until its patch states age.
 */
export class ClusterSummaryCache {
  readonly #entries = new Map<
    string,
    { summary: ClusterSummary; validUntil: number }
  >();
  readonly size: number;

  constructor(size: number) {
    this.size = size;
  }

  /** A still valid summary; `touch` marks it recently used. */
  get(id: string, now: number, touch: boolean): ClusterSummary | undefined {
    const cached = this.#entries.get(id);
    if (!cached || now >= cached.validUntil) return undefined;
    if (touch) {
      this.#entries.delete(id);
      this.#entries.set(id, cached);
    }
    return cached.summary;
  }

  /** Replaces the summary of `id`: kept when `keep`, else only the stale one dropped. */
  put(id: string, built: BuiltSummary, keep: boolean): void {
    this.#entries.delete(id);
    if (!keep) return;
    this.#entries.set(id, {
      summary: built.summary,
      validUntil: built.validUntil,
    });
    if (this.#entries.size > this.size) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  delete(id: string): void {
    this.#entries.delete(id);
  }

  clear(): void {
    this.#entries.clear();
  }
}
