import type { PatchStateName } from './types';

/**
 * A patch campaign: the platform team's push to patch every machine after a
 * release (say, a security release), with its own SLA. Stored by the capi
 * backend and shown on the fleet page until someone closes it.
 *
 * @public
 */
export interface PatchCampaign {
  id: string;
  /** e.g. "OpenSSL 3.0.16 security release" */
  name: string;
  /** RFC 3339: when the release came out; machines patched after it count. */
  startedAt: string;
  /** Hours after `startedAt` by which every machine must be patched. */
  slaHours: number;
  /** Entity ref of who started it. */
  createdBy: string;
  /** RFC 3339; absent while the campaign is open. */
  closedAt?: string;
  /** Entity ref of who closed it. */
  closedBy?: string;
  /** A closed campaign's numbers over the whole fleet when it was closed. */
  final?: PatchCampaignFinalCounts;
}

/**
 * What a campaign reached: counted over the whole fleet (no filters) at the
 * moment it was closed, by the rule of {@link campaignMachineCounts}.
 *
 * @public
 */
export interface PatchCampaignFinalCounts {
  clusters: number;
  machines: number;
  patched: number;
}

/**
 * `GET /campaigns` (open campaigns, newest first; `?include=closed` adds the
 * last closed ones).
 *
 * @public
 */
export interface PatchCampaignsResponse {
  items: PatchCampaign[];
}

/**
 * `POST /campaigns` body.
 *
 * @public
 */
export interface NewPatchCampaign {
  name: string;
  startedAt: string;
  slaHours: number;
}

/**
 * Paths of the campaign routes under the capi backend.
 *
 * @public
 */
export const PATCH_CAMPAIGN_API_PATHS = {
  campaigns: '/campaigns',
  /** `POST`, empty body: closes the campaign and keeps its final numbers. */
  close: '/campaigns/:id/close',
  /** `GET [?limit=N]`: closed campaigns, last closed first ({@link PatchCampaignsResponse}). */
  past: '/campaigns/past',
  /** Takes the fleet page's filters (`FleetQuery` without page and view). */
  progress: '/campaigns/:id/progress',
} as const;

/**
 * `GET /campaigns/:id/progress`: a campaign's progress, counted by the
 * backend over every cluster that matches the fleet filters given (not one
 * page of them).
 *
 * @public
 */
export interface PatchCampaignProgress {
  campaignId: string;
  /** Clusters counted: those matching the filters. */
  clusters: number;
  /** Machines with something to patch (see {@link campaignMachineCounts}). */
  machines: number;
  /** Of those, patched at or after the campaign's start. */
  patched: number;
  /**
   * The others (`machines - patched`) by their patch state now. A node can be
   * "up-to-date" (nothing pending now) and still not patched since the start:
   * its last patch came before the campaign.
   */
  unpatchedByState: CampaignUnpatchedCounts;
  /** patched / machines; 0 when there are no machines. */
  share: number;
  /** RFC 3339: the start plus the campaign's SLA. */
  deadline: string;
  /** Clusters with machines still to patch, most remaining first (at most {@link PATCH_CAMPAIGN_LIMITS}.maxRemainingListed). */
  remainingByCluster: Array<{
    clusterId: string;
    cluster: string;
    owner?: string;
    remaining: number;
  }>;
  /** How many clusters have machines still to patch, listed or not. */
  clustersRemaining: number;
}

/**
 * Machines a campaign counts that were not patched since its start, by their
 * patch state now.
 *
 * @public
 */
export type CampaignUnpatchedCounts = Record<PatchStateName, number>;

/** @public */
export interface CampaignMachineCounts {
  machines: number;
  patched: number;
  unpatchedByState: CampaignUnpatchedCounts;
}

/** No machines: the start of every sum of {@link CampaignMachineCounts}. @public */
export function noCampaignMachines(): CampaignMachineCounts {
  return {
    machines: 0,
    patched: 0,
    unpatchedByState: { 'up-to-date': 0, pending: 0, overdue: 0, unknown: 0 },
  };
}

/** Adds `more` into `total` (and returns it). @public */
export function addCampaignMachineCounts(
  total: CampaignMachineCounts,
  more: CampaignMachineCounts,
): CampaignMachineCounts {
  total.machines += more.machines;
  total.patched += more.patched;
  for (const state of Object.keys(more.unpatchedByState) as PatchStateName[]) {
    total.unpatchedByState[state] += more.unpatchedByState[state];
  }
  return total;
}

const isPatchStateName = (s: string): s is PatchStateName =>
  s === 'up-to-date' || s === 'pending' || s === 'overdue' || s === 'unknown';

/**
 * How many of a cluster's machines a campaign counts, how many of them were
 * patched at or after `sinceMs`, and the state now of the others. A machine
 * without a node and without a patch state (still provisioning) has nothing
 * to patch yet.
 *
 * @public
 */
export function campaignMachineCounts(
  machines: Iterable<{
    nodeName?: string;
    patch: { state: string; lastPatched?: string };
  }>,
  sinceMs: number,
): CampaignMachineCounts {
  const counts = noCampaignMachines();
  for (const machine of machines) {
    const { state } = machine.patch;
    if (!machine.nodeName && state === 'unknown') continue;
    counts.machines++;
    const last = machine.patch.lastPatched
      ? Date.parse(machine.patch.lastPatched)
      : NaN;
    if (!Number.isNaN(last) && last >= sinceMs) counts.patched++;
    else counts.unpatchedByState[isPatchStateName(state) ? state : 'unknown']++;
  }
  return counts;
}

/** Limits the backend enforces on a new campaign. @public */
export const PATCH_CAMPAIGN_LIMITS = {
  maxNameLength: 120,
  maxSlaHours: 24 * 90,
  /** How far ahead of now a campaign's start may lie (a release announced for later). */
  maxFutureDays: 30,
  /** Clusters still to patch that a progress answer lists. */
  maxRemainingListed: 20,
  /** Past campaigns one answer lists at most (and by default 5). */
  maxPastListed: 50,
} as const;
