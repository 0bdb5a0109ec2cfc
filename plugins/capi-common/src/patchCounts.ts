import { patchCompliance } from './patchCompliance';
import type { PatchState, PatchSummary } from './types';

/**
 * The one way Capstan counts machines by patch state. A pool, a cluster
 * (its fleet row, its card and its tab) and the fleet's figures are all
 * counted with these functions, so the same machines always give the same
 * numbers and every total is the sum of its parts.
 */

/**
 * Machines per patch state, without the compliance share.
 *
 * @public
 */
export type PatchCounts = Omit<PatchSummary, 'compliance'>;

/**
 * Counts of no machine (compliance 1, shown as "no machines").
 *
 * @public
 */
export function emptyPatchSummary(): PatchSummary {
  return {
    total: 0,
    upToDate: 0,
    pending: 0,
    overdue: 0,
    unknown: 0,
    rebootRequired: 0,
    compliance: 1,
  };
}

/**
 * Counts one more machine with this patch state into `counts`; call
 * {@link finishPatchSummary} once all are counted.
 *
 * @public
 */
export function countPatchState(
  counts: PatchSummary,
  machine: Pick<PatchState, 'state' | 'rebootRequired'>,
): void {
  counts.total++;
  if (machine.state === 'up-to-date') counts.upToDate++;
  else if (machine.state === 'pending') counts.pending++;
  else if (machine.state === 'overdue') counts.overdue++;
  else counts.unknown++;
  if (machine.rebootRequired) counts.rebootRequired++;
}

/**
 * Adds the counts of a part (a cluster) to those of a whole (the fleet);
 * call {@link finishPatchSummary} once all parts are added.
 *
 * @public
 */
export function addPatchCounts(counts: PatchCounts, part: PatchCounts): void {
  counts.total += part.total;
  counts.upToDate += part.upToDate;
  counts.pending += part.pending;
  counts.overdue += part.overdue;
  counts.unknown += part.unknown;
  counts.rebootRequired += part.rebootRequired;
}

/**
 * Sets the compliance share from the counts (see {@link patchCompliance}).
 *
 * @public
 */
export function finishPatchSummary(counts: PatchSummary): PatchSummary {
  counts.compliance = patchCompliance(counts);
  return counts;
}

/**
 * The counts of a set of machines' patch states.
 *
 * @public
 */
export function summarisePatchStates(
  machines: Iterable<Pick<PatchState, 'state' | 'rebootRequired'>>,
): PatchSummary {
  const counts = emptyPatchSummary();
  for (const machine of machines) countPatchState(counts, machine);
  return finishPatchSummary(counts);
}

/**
 * The counts of several parts together (clusters of a fleet, pools of a
 * cluster).
 *
 * @public
 */
export function sumPatchSummaries(parts: Iterable<PatchSummary>): PatchSummary {
  const counts = emptyPatchSummary();
  for (const part of parts) addPatchCounts(counts, part);
  return finishPatchSummary(counts);
}
