import type { ClusterSummary } from '@capstan/plugin-capi-common';

/** What the simulator holds for one Cluster: the fields the soak checks. */
export interface TruthCluster {
  id: string;
  phase: string;
  machines: Array<{ name: string; phase: string; kernelVersion?: string }>;
}

export interface ViewMismatch {
  id: string;
  problem: string;
}

/**
 * Compares the backend's view with the simulator's truth object by object:
 * every Cluster present on both sides with the same phase, and the same
 * Machines with the same phase and kernel version.
 */
export function compareViews(
  truth: TruthCluster[],
  view: ClusterSummary[],
): ViewMismatch[] {
  const mismatches: ViewMismatch[] = [];
  const seen = new Map(view.map(c => [c.id, c]));
  for (const expected of truth) {
    const actual = seen.get(expected.id);
    seen.delete(expected.id);
    if (!actual) {
      mismatches.push({ id: expected.id, problem: 'missing from the backend' });
      continue;
    }
    if (actual.phase !== expected.phase) {
      mismatches.push({
        id: expected.id,
        problem: `phase ${actual.phase}, truth ${expected.phase}`,
      });
    }
    const machines = new Map(actual.machines.map(m => [m.name, m]));
    for (const m of expected.machines) {
      const got = machines.get(m.name);
      machines.delete(m.name);
      if (!got) {
        mismatches.push({
          id: expected.id,
          problem: `machine ${m.name} missing`,
        });
      } else if (
        got.phase !== m.phase ||
        got.kernelVersion !== m.kernelVersion
      ) {
        mismatches.push({
          id: expected.id,
          problem: `machine ${m.name}: ${got.phase}/${got.kernelVersion}, truth ${m.phase}/${m.kernelVersion}`,
        });
      }
    }
    for (const extra of machines.keys()) {
      mismatches.push({
        id: expected.id,
        problem: `machine ${extra} no longer exists`,
      });
    }
  }
  for (const extra of seen.keys()) {
    mismatches.push({
      id: extra,
      problem: 'no longer exists but the backend still shows it',
    });
  }
  return mismatches;
}
