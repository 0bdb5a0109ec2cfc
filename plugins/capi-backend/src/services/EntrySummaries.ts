import type {
  ClusterSummary,
  MachineSizeDescription,
  PatchState,
} from '@capstan/plugin-capi-common';
import type { TrimmedMachine } from '../normalise/types';
import { buildClusterSummary } from './buildClusterSummary';
import { addPoolSizeTitles } from './poolSizeTitles';
import {
  ClusterAggregate,
  ClusterSummaryCache,
  toAggregate,
} from './ClusterSummaryCache';
import type { FleetEntry } from './fleetEntry';

/**
 * What the index needs from the rest of the backend to build summaries.
 *
 * @public
 */
export interface FleetIndexContext {
  managementClusterTitle?(managementCluster: string): string | undefined;
  apiVersion?(managementCluster: string): string | undefined;
  patchStateOf(
    managementCluster: string,
    machine: TrimmedMachine,
    now: number,
  ): { state: PatchState; validUntil: number };
  allowedVersions?(profile: string): readonly string[] | undefined;
  /** Whether the profile allows chained (multi-minor) upgrades of ClusterClass clusters. */
  chainedUpgrades?(profile: string): boolean;
  /** The machine sizes the profile defines, to name pool sizes in words. */
  machineSizes?(profile: string): readonly MachineSizeDescription[] | undefined;
  gitopsUrl?(path: string): string | undefined;
  now?(): number;
  /**
   * Full summaries (with one MachineSummary per machine) kept for the most
   * recently read clusters. Fleet-wide views use per-cluster aggregates
   * without machines, so memory stays small. Default 2000.
   */
  fullSummaryCacheSize?: number;
}

/**
 * Builds the summaries of the index's entries: the full summary (with
 * machines), kept for the most recently read clusters, and the small
 * aggregate kept on every entry for fleet-wide views. Both are rebuilt
 * after a change (`invalidate`) or once a patch state ages.
 */
export class EntrySummaries {
  readonly #context: FleetIndexContext;
  readonly #full: ClusterSummaryCache;

  constructor(context: FleetIndexContext) {
    this.#context = context;
    this.#full = new ClusterSummaryCache(context.fullSummaryCacheSize ?? 2000);
  }

  /** The context's clock (for tests), else the wall clock. */
  now(): number {
    return this.#context.now?.() ?? Date.now();
  }

  /** How many full summaries are kept. */
  get fullSummaryCacheSize(): number {
    return this.#full.size;
  }

  /** Forgets what was built of an entry that changed. */
  invalidate(entry: FleetEntry): void {
    entry.aggregate = undefined;
    this.#full.delete(entry.id);
  }

  /** Forgets everything built, e.g. after the patch providers changed. */
  invalidateAll(entries: Iterable<FleetEntry>): void {
    for (const entry of entries) entry.aggregate = undefined;
    this.#full.clear();
  }

  /** The full summary of an entry with a cluster; see FleetIndex.getSummary. */
  full(entry: FleetEntry, cache: boolean): ClusterSummary {
    const now = this.now();
    const cached = this.#full.get(entry.id, now, cache);
    if (cached) return cached;
    const built = this.#build(entry, 'full', now);
    this.#full.put(entry.id, built, cache);
    if (!entry.aggregate || now >= entry.validUntil) {
      entry.aggregate = toAggregate(entry.id, built);
      entry.validUntil = built.validUntil;
    }
    return built.summary;
  }

  /** The aggregate of an entry with a cluster, built when missing or aged. */
  aggregate(entry: FleetEntry): ClusterAggregate {
    const now = this.now();
    if (!entry.aggregate || now >= entry.validUntil) {
      const built = this.#build(entry, 'aggregate', now);
      entry.aggregate = toAggregate(entry.id, built);
      entry.validUntil = built.validUntil;
    }
    return entry.aggregate;
  }

  #build(entry: FleetEntry, detail: 'full' | 'aggregate', now: number) {
    const mc = entry.managementCluster;
    const profile = entry.cluster!.labels['capstan.dev/profile'];
    const built = buildClusterSummary({
      managementCluster: mc,
      managementClusterTitle: this.#context.managementClusterTitle?.(mc),
      apiVersion: this.#context.apiVersion?.(mc) ?? 'unknown',
      cluster: entry.cluster!,
      controlPlane: entry.controlPlane,
      pools: entry.pools.values(),
      machines: entry.machines.values(),
      patchStateOf: m => this.#context.patchStateOf(mc, m, now),
      allowedVersions: profile
        ? this.#context.allowedVersions?.(profile)
        : undefined,
      chainedUpgrades: profile
        ? this.#context.chainedUpgrades?.(profile)
        : undefined,
      gitopsUrl: this.#context.gitopsUrl,
      detail,
      now,
    });
    addPoolSizeTitles(
      built.summary.nodePools,
      profile ? this.#context.machineSizes?.(profile) : undefined,
    );
    return built;
  }
}
