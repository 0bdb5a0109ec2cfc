import {
  machineSizeTitle,
  type MachineSizeDescription,
  type NodePoolSummary,
} from '@capstan/plugin-capi-common';

/**
 * Gives each pool whose size the cluster's profile defines that size in
 * words (`sizeTitle`), so no client has to look profiles up; a size no
 * profile describes keeps only its recorded name.
 */
export function addPoolSizeTitles(
  pools: NodePoolSummary[],
  sizes: readonly MachineSizeDescription[] | undefined,
): void {
  if (!sizes) return;
  for (const pool of pools) {
    const size = sizes.find(s => s.name === pool.size);
    if (size) pool.sizeTitle = machineSizeTitle(size);
  }
}
