import type { PatchState, PatchStateName } from './types';

/**
 * The patch states in the order every view lists them.
 *
 * @public
 */
export const PATCH_STATE_NAMES: readonly PatchStateName[] = [
  'up-to-date',
  'pending',
  'overdue',
  'unknown',
];

/**
 * Each patch state in words, as every view writes it: a machine's row, a
 * pool's bar and the fleet's filter say "up to date", never "up-to-date".
 *
 * @public
 */
export const PATCH_STATE_LABELS: Readonly<Record<PatchStateName, string>> = {
  'up-to-date': 'up to date',
  pending: 'pending',
  overdue: 'overdue',
  unknown: 'unknown',
};

/**
 * The patch state a machine counts with: what its providers report once it
 * has a Node, `unknown` before. A machine still provisioning runs no OS
 * anyone has patched, so it has no patch state yet and counts against
 * compliance (see `PATCH_COMPLIANCE_DEFINITION`), whatever
 * annotations it was created with.
 *
 * @public
 */
export function patchStateOfMachine(
  machine: { nodeName?: string },
  reported: PatchState,
): PatchState {
  if (machine.nodeName) return reported;
  return { state: 'unknown', rebootRequired: false };
}
