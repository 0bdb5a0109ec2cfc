import {
  addPatchCounts,
  type CompliancePoint,
} from '@capstan/plugin-capi-common';

const DAY = 86_400_000;

/** Machines per patch state in one scope. */
export type ComplianceCounts = Omit<CompliancePoint, 'at' | 'compliance'>;

/** What the database holds as last written for one scope. */
export interface LatestScope {
  scope: string;
  takenAt: number;
  counts: ComplianceCounts;
  /** Owner of a `cluster:` scope, for carrying it into owner totals. */
  owner?: string;
}

/** One cluster as this instance's cache sees it. */
export interface LiveCluster {
  id: string;
  managementCluster: string;
  owner?: string;
  counts: ComplianceCounts;
}

/** A row of the snapshots table or of the latest table. */
export interface PlannedRow {
  scope: string;
  takenAt: number;
  counts: ComplianceCounts;
  owner?: string;
}

/** What one snapshot writes. */
export interface SnapshotPlan {
  /** New rows of the snapshots table (history). */
  rows: PlannedRow[];
  /** Rows of the latest table to insert or overwrite. */
  latest: PlannedRow[];
  /** Scopes to delete from the latest table (gone, zero row written). */
  gone: string[];
}

export function emptyCounts(): ComplianceCounts {
  return {
    upToDate: 0,
    pending: 0,
    overdue: 0,
    unknown: 0,
    rebootRequired: 0,
    total: 0,
  };
}

function countsKey(c: ComplianceCounts): string {
  return `${c.upToDate},${c.pending},${c.overdue},${c.unknown},${c.rebootRequired},${c.total}`;
}

/** Scopes add up the way the fleet page's figures do. */
const addTo = addPatchCounts;

function add(
  map: Map<string, ComplianceCounts>,
  scope: string,
  c: ComplianceCounts,
) {
  let counts = map.get(scope);
  if (!counts) map.set(scope, (counts = emptyCounts()));
  addTo(counts, c);
}

function managementClusterOf(clusterScope: string): string {
  return clusterScope.slice('cluster:'.length).split('/')[0];
}

/**
 * Works out one compliance snapshot from the live clusters and what the
 * database says was last written per scope; keeps no state of its own, so
 * any instance can write the next snapshot.
 *
 * - `fleet` and every current `owner:` scope get a row every time.
 * - A `cluster:` scope gets a row when its counts changed since the last
 *   row, or when its last row is a day old (a keyframe, so that series keep
 *   a base row within the retention).
 * - Scopes last written with counts and gone now get one all-zero row, so
 *   that carrying values forward does not keep them alive.
 * - Clusters of management clusters this instance has not synced yet are
 *   unknown, not gone: their last written counts (and owners) are carried
 *   into the fleet and owner totals, and they get no zero row.
 */
export function planSnapshot(options: {
  takenAt: number;
  live: Iterable<LiveCluster>;
  latest: Iterable<LatestScope>;
  /** Management clusters whose clusters this instance does not know yet. */
  unsynced: ReadonlySet<string>;
}): SnapshotPlan {
  const { takenAt, unsynced } = options;
  const latest = new Map<string, LatestScope>();
  for (const row of options.latest) latest.set(row.scope, row);

  const clusters = new Map<
    string,
    { counts: ComplianceCounts; owner?: string }
  >();
  for (const c of options.live) {
    if (unsynced.has(c.managementCluster)) continue; // maybe half listed
    clusters.set(`cluster:${c.id}`, { counts: c.counts, owner: c.owner });
  }
  for (const row of latest.values()) {
    if (
      row.scope.startsWith('cluster:') &&
      unsynced.has(managementClusterOf(row.scope))
    ) {
      clusters.set(row.scope, { counts: row.counts, owner: row.owner });
    }
  }

  const fleet = emptyCounts();
  const owners = new Map<string, ComplianceCounts>();
  for (const { counts, owner } of clusters.values()) {
    addTo(fleet, counts);
    if (owner) add(owners, `owner:${owner}`, counts);
  }

  const plan: SnapshotPlan = { rows: [], latest: [], gone: [] };
  plan.rows.push({ scope: 'fleet', takenAt, counts: fleet });
  for (const [scope, counts] of owners) {
    plan.rows.push({ scope, takenAt, counts });
    const previous = latest.get(scope);
    if (!previous || countsKey(previous.counts) !== countsKey(counts)) {
      plan.latest.push({ scope, takenAt, counts });
    }
  }
  for (const [scope, { counts, owner }] of clusters) {
    const previous = latest.get(scope);
    const changed =
      !previous || countsKey(previous.counts) !== countsKey(counts);
    if (changed || takenAt - previous.takenAt >= DAY) {
      plan.rows.push({ scope, takenAt, counts, owner });
      plan.latest.push({ scope, takenAt, counts, owner });
    } else if ((previous.owner ?? '') !== (owner ?? '')) {
      plan.latest.push({ ...previous, owner });
    }
  }
  const zero = countsKey(emptyCounts());
  for (const [scope, previous] of latest) {
    if (clusters.has(scope) || owners.has(scope)) continue;
    if (countsKey(previous.counts) !== zero) {
      plan.rows.push({ scope, takenAt, counts: emptyCounts() });
    }
    plan.gone.push(scope);
  }
  return plan;
}
