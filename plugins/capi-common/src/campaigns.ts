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
  closedBy?: string;
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
  close: '/campaigns/:id/close',
} as const;

/** Limits the backend enforces on a new campaign. @public */
export const PATCH_CAMPAIGN_LIMITS = {
  maxNameLength: 120,
  maxSlaHours: 24 * 90,
} as const;
