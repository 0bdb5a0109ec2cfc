import {
  emptyPatchSummary,
  finishPatchSummary,
  type ClusterWithoutMachines,
  type PatchCounts,
  type PatchSummary,
} from '@capstan/plugin-capi-common';

const COUNTED: readonly (keyof PatchCounts)[] = [
  'total',
  'upToDate',
  'pending',
  'overdue',
  'unknown',
  'rebootRequired',
];

/**
 * The patch counts of a cluster's table rows: the control plane, each pool,
 * and the machines that belong to neither (CAPI Machines created by hand, or
 * a pool deleted while its machines drain), so that the rows always add up
 * to the cluster's total. `noPool` is undefined when there are none.
 */
export interface PatchRows {
  controlPlane: PatchSummary;
  noPool?: PatchSummary;
  total: PatchSummary;
}

export function patchRowsOf(
  cluster: Pick<ClusterWithoutMachines, 'controlPlane' | 'nodePools' | 'patch'>,
): PatchRows {
  const parts = [
    cluster.controlPlane.patch,
    ...cluster.nodePools.map(p => p.patch),
  ];
  const rest = emptyPatchSummary();
  for (const key of COUNTED) {
    rest[key] = parts.reduce(
      (left, part) => left - part[key],
      cluster.patch[key],
    );
  }
  const row: PatchRows = {
    controlPlane: cluster.controlPlane.patch,
    total: cluster.patch,
  };
  if (rest.total > 0) row.noPool = finishPatchSummary(rest);
  return row;
}
