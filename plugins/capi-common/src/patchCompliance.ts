/**
 * What "patch compliance" means, in one sentence, for every place that shows
 * the number (fleet page, cards, trend chart).
 *
 * @public
 */
export const PATCH_COMPLIANCE_DEFINITION =
  'Patch compliance is the share of machines whose patch state is known and not overdue (up to date, or pending within the patch SLA). Machines still provisioning (no node yet) have no patch state and count against it; machines not created yet are not counted; a cluster without machines has no figure.';

/**
 * Patch compliance (0..1) from machine counts per patch state: machines that
 * are neither overdue nor unknown, over all machines. 1 when there are no
 * machines, so that sums and trends stay numeric; show such a figure as "no
 * machines" (see {@link hasComplianceFigure}).
 *
 * @public
 */
export function patchCompliance(counts: {
  total: number;
  overdue: number;
  unknown: number;
}): number {
  return counts.total === 0
    ? 1
    : (counts.total - counts.overdue - counts.unknown) / counts.total;
}

/**
 * Whether a compliance figure means something: false for a cluster (or a
 * filtered fleet) without machines, which must not read as 100 %.
 *
 * @public
 */
export function hasComplianceFigure(counts: { total: number }): boolean {
  return counts.total > 0;
}

/**
 * A share (0..1) as the percentage every view shows, with one decimal and
 * rounded down: one overdue machine in 2,000 reads 99.9 %, never 100 %.
 * The fleet's gauge, its figure, the cards and the campaign all use it, so
 * one number never reads two ways.
 *
 * @public
 */
export function percentOf(share: number): number {
  if (!Number.isFinite(share)) return 0;
  // The small epsilon keeps 0.29 (28.999... in floating point) at 29.0.
  return Math.floor(share * 1000 + 1e-6) / 10;
}

/**
 * {@link percentOf} as text: `96.8%`, `100%`.
 *
 * @public
 */
export function formatPercent(share: number): string {
  return `${percentOf(share)}%`;
}
