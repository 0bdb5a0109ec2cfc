import {
  addCampaignMachineCounts,
  campaignMachineCounts,
  noCampaignMachines,
  PATCH_CAMPAIGN_LIMITS,
  type CampaignMachineCounts,
  type FleetQuery,
  type MachineSummary,
  type PatchCampaign,
  type PatchCampaignProgress,
} from '@capstan/plugin-capi-common';
import type { ClusterAggregate } from '../services/ClusterSummaryCache';

/** What progress is counted over: the filtered fleet and each cluster's machines. */
export interface CampaignFleet {
  /** The clusters that match the fleet filters, in id order. */
  matching(query: FleetQuery): readonly ClusterAggregate[];
  /** A cluster's machines (its full summary's), undefined when it is gone. */
  machinesOf(id: string): readonly MachineSummary[] | undefined;
}

/** Campaign starts whose per-cluster counts are kept. */
const KEPT_STARTS = 8;

/**
 * Counts a patch campaign's progress over the whole (filtered) fleet on the
 * server, not over the page the browser shows. Per campaign start it keeps
 * each cluster's counts against the cluster's aggregate: the index replaces
 * an aggregate whenever its cluster changes or its patch states age, so a
 * kept count is current as long as its aggregate is, and after a change
 * only the changed clusters' machines are read again.
 */
export class CampaignProgressCounter {
  readonly #fleet: CampaignFleet;
  readonly #byStart = new Map<
    number,
    WeakMap<ClusterAggregate, CampaignMachineCounts>
  >();

  constructor(fleet: CampaignFleet) {
    this.#fleet = fleet;
  }

  progress(
    campaign: PatchCampaign,
    filters: Omit<FleetQuery, 'offset' | 'limit' | 'view'>,
  ): PatchCampaignProgress {
    const since = Date.parse(campaign.startedAt);
    const kept = this.#countsFor(since);
    const total = noCampaignMachines();
    const remaining: PatchCampaignProgress['remainingByCluster'] = [];
    const clusters = this.#fleet.matching(filters);
    for (const aggregate of clusters) {
      let counts = kept.get(aggregate);
      if (!counts) {
        counts = campaignMachineCounts(
          this.#fleet.machinesOf(aggregate.id) ?? [],
          since,
        );
        kept.set(aggregate, counts);
      }
      addCampaignMachineCounts(total, counts);
      if (counts.patched < counts.machines) {
        const entry: PatchCampaignProgress['remainingByCluster'][number] = {
          clusterId: aggregate.id,
          cluster: aggregate.name,
          remaining: counts.machines - counts.patched,
        };
        if (aggregate.owner) entry.owner = aggregate.owner;
        remaining.push(entry);
      }
    }
    remaining.sort(
      (a, b) =>
        b.remaining - a.remaining ||
        (a.clusterId < b.clusterId ? -1 : Number(a.clusterId > b.clusterId)),
    );
    const { machines, patched } = total;
    return {
      campaignId: campaign.id,
      clusters: clusters.length,
      machines,
      patched,
      unpatchedByState: total.unpatchedByState,
      share: machines === 0 ? 0 : patched / machines,
      deadline: new Date(since + campaign.slaHours * 3_600_000).toISOString(),
      remainingByCluster: remaining.slice(
        0,
        PATCH_CAMPAIGN_LIMITS.maxRemainingListed,
      ),
      clustersRemaining: remaining.length,
    };
  }

  #countsFor(since: number): WeakMap<ClusterAggregate, CampaignMachineCounts> {
    let kept = this.#byStart.get(since);
    if (kept) {
      // Most recently used last.
      this.#byStart.delete(since);
    } else {
      kept = new WeakMap();
    }
    this.#byStart.set(since, kept);
    if (this.#byStart.size > KEPT_STARTS) {
      this.#byStart.delete(this.#byStart.keys().next().value!);
    }
    return kept;
  }
}
