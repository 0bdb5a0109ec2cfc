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
 * again builds only the page. The id order is re-sorted only when clusters
 * come or go. Fleet reads need `capi.fleet.read`, which is all or nothing,
 * so nothing here depends on who asks.
 */
export class FleetSelections {
  /** Filter sets kept per snapshot; the page's filters rarely exceed this. */
  static readonly maxSelections = 32;
  readonly #index: FleetIndex;
  #sortedIds: string[] = [];
  #sortedMembership = -1;
  #snapshot?: Snapshot;

  constructor(index: FleetIndex) {
    this.#index = index;
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
    const snapshot: Snapshot = {
      generation: index.generation,
      validUntil,
      all,
      facets: facetsOf(all),
      selections: new Map(),
    };
    this.#snapshot = snapshot;
    return snapshot;
  }
}
