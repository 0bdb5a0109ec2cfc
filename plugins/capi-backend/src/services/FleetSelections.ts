import type { FleetQuery, FleetResponse } from '@capstan/plugin-capi-common';
import type { ClusterAggregate } from './ClusterSummaryCache';
import type { FleetIndex } from './FleetIndex';
import {
  facetsOf,
  filterAggregates,
  filterKey,
  summariseAggregates,
} from './fleetSelection';

/** The clusters that match one set of filters, and their figures. */
export interface FleetSelection {
  /** Matching clusters in id order (plain code-unit order). */
  clusters: readonly ClusterAggregate[];
  summary: FleetResponse['summary'];
  facets: FleetResponse['facets'];
}

interface Snapshot {
  generation: number;
  validUntil: number;
  all: ClusterAggregate[];
  facets: FleetResponse['facets'];
  selections: Map<string, FleetSelection>;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : Number(a > b));

/**
 * What the fleet page computes over the whole fleet, kept between requests:
 * every cluster's aggregate in id order, the facets, and per set of filters
 * the matching clusters and their summary. Kept until the fleet changes
 * (the index's generation) or a patch state ages (the earliest
 * `validUntil`), so that reading an unchanged fleet of 50,000 clusters
 * again builds only the page. After changes reported by the index only the
 * changed clusters' aggregates are put in their place (their summaries are
 * then summed anew); every aggregate is read again only when clusters come
 * or go (the id order is re-sorted then) or a patch state ages. Fleet
 * reads need `capi.fleet.read`, which is all or nothing, so nothing here
 * depends on who asks. The changed ids gathered between reads are bounded
 * by the fleet's size.
 */
export class FleetSelections {
  /** Filter sets kept per snapshot; the page's filters rarely exceed this. */
  static readonly maxSelections = 32;
  readonly #index: FleetIndex;
  #sortedIds: string[] = [];
  #sortedMembership = -1;
  #snapshot?: Snapshot;
  /** Clusters reported changed, and how many reports, since the snapshot. */
  #changed = new Set<string>();
  #reports = 0;

  constructor(index: FleetIndex) {
    this.#index = index;
    index.onChange(changed => {
      for (const id of changed) this.#changed.add(id);
      this.#reports++;
    });
  }

  select(query: FleetQuery): FleetSelection {
    const snapshot = this.#current();
    const key = filterKey(query);
    let selection = snapshot.selections.get(key);
    if (!selection) {
      const clusters = filterAggregates(snapshot.all, query);
      selection = {
        clusters,
        summary: summariseAggregates(clusters),
        facets: snapshot.facets,
      };
      if (snapshot.selections.size >= FleetSelections.maxSelections) {
        snapshot.selections.delete(snapshot.selections.keys().next().value!);
      }
      snapshot.selections.set(key, selection);
    }
    return selection;
  }

  #current(): Snapshot {
    const index = this.#index;
    const now = index.now();
    const kept = this.#snapshot;
    if (kept && kept.generation === index.generation && now < kept.validUntil) {
      return kept;
    }
    const changed = this.#changed;
    const onlyReported =
      kept !== undefined &&
      now < kept.validUntil &&
      this.#sortedMembership === index.membership &&
      index.generation - kept.generation === this.#reports;
    this.#changed = new Set();
    this.#reports = 0;
    const snapshot = onlyReported
      ? this.#refresh(kept, changed)
      : this.#rebuild();
    this.#snapshot = snapshot;
    return snapshot;
  }

  /** Every aggregate anew (clusters came or went, or a patch state aged). */
  #rebuild(): Snapshot {
    const index = this.#index;
    if (this.#sortedMembership !== index.membership) {
      this.#sortedMembership = index.membership;
      this.#sortedIds = [...index.clusterIds()].sort(byCodeUnit);
    }
    const all: ClusterAggregate[] = [];
    let validUntil = Infinity;
    for (const id of this.#sortedIds) {
      const aggregate = index.getAggregate(id);
      if (!aggregate) continue;
      all.push(aggregate);
      validUntil = Math.min(validUntil, index.aggregateValidUntil(id));
    }
    return this.#snapshotOf(all, validUntil);
  }

  /** Only the clusters reported changed since `kept`, in their place. */
  #refresh(kept: Snapshot, changed: Set<string>): Snapshot {
    const index = this.#index;
    const all = kept.all.slice();
    let validUntil = kept.validUntil;
    for (const id of changed) {
      const at = positionOf(all, id);
      const aggregate = index.getAggregate(id);
      if (at < 0 || !aggregate) return this.#rebuild();
      all[at] = aggregate;
      validUntil = Math.min(validUntil, index.aggregateValidUntil(id));
    }
    return this.#snapshotOf(all, validUntil);
  }

  #snapshotOf(all: ClusterAggregate[], validUntil: number): Snapshot {
    return {
      generation: this.#index.generation,
      validUntil,
      all,
      facets: facetsOf(all),
      selections: new Map(),
    };
  }
}

/** Index of the aggregate with this id in a list in id order, or -1. */
function positionOf(all: readonly ClusterAggregate[], id: string): number {
  let low = 0;
  let high = all.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const c = byCodeUnit(all[mid].id, id);
    if (c === 0) return mid;
    if (c < 0) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}
