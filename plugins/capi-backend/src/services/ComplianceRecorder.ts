import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type {
  CompliancePoint,
  ComplianceSeries,
} from '@capstan/plugin-capi-common';
import { patchCompliance } from '@capstan/plugin-capi-common';
import type { Knex } from 'knex';
import { openCapiDatabase } from '../database/capiDatabase';
import {
  ComplianceCounts,
  LatestScope,
  LiveCluster,
  planSnapshot,
  PlannedRow,
} from './ComplianceSnapshotPlan';
import type { FleetReader } from './FleetReader';

const TABLE = 'capi_compliance_snapshots';
const LATEST = 'capi_compliance_latest';
const DAY = 86_400_000;
const CHUNK = 200;

interface SnapshotRow {
  taken_at: number | string;
  scope: string;
  up_to_date: number;
  pending: number;
  overdue: number;
  unknown: number;
  reboot_required: number;
  total: number;
}

interface LatestRow extends SnapshotRow {
  owner: string | null;
}

function countsOf(row: SnapshotRow): ComplianceCounts {
  return {
    upToDate: Number(row.up_to_date),
    pending: Number(row.pending),
    overdue: Number(row.overdue),
    unknown: Number(row.unknown),
    rebootRequired: Number(row.reboot_required),
    total: Number(row.total),
  };
}

function toRow(row: PlannedRow): SnapshotRow {
  const c = row.counts;
  return {
    taken_at: row.takenAt,
    scope: row.scope,
    up_to_date: c.upToDate,
    pending: c.pending,
    overdue: c.overdue,
    unknown: c.unknown,
    reboot_required: c.rebootRequired,
    total: c.total,
  };
}

function toPoint(row: SnapshotRow, at: number): CompliancePoint {
  const total = Number(row.total);
  const overdue = Number(row.overdue);
  const unknown = Number(row.unknown);
  return {
    at: new Date(at).toISOString(),
    upToDate: Number(row.up_to_date),
    pending: Number(row.pending),
    overdue,
    unknown,
    rebootRequired: Number(row.reboot_required),
    total,
    compliance: patchCompliance({ total, overdue, unknown }),
  };
}

/**
 * Writes fleet compliance snapshots (machines per patch state) to the
 * plugin database on a schedule, and reads them back as time series. The
 * scheduler runs the task on one backend instance at a time.
 *
 * To stay small at 10,000 clusters, `fleet` and `owner:` rows are written
 * every time, `cluster:` rows only when a cluster's counts changed (plus a
 * keyframe once a day, and an all-zero row when a cluster or owner is
 * gone); see {@link planSnapshot}. What was last written per scope is read
 * from the database (`capi_compliance_latest`), never kept in memory, so
 * the next snapshot is right whichever instance writes it. Series are
 * returned at the times of the fleet snapshots, carrying each scope's last
 * written counts forward. Rows older than the retention are deleted.
 *
 * @public
 */
export class ComplianceRecorder {
  readonly #knex: Knex;
  readonly #reader: FleetReader;
  readonly #logger: LoggerService;
  readonly #now: () => number;
  readonly #retentionMs: number;

  static async create(options: {
    database: DatabaseService;
    reader: FleetReader;
    logger: LoggerService;
    now?: () => number;
    /** Default 90 days; at least 2 days (the keyframe interval is 1 day). */
    retentionMs?: number;
  }): Promise<ComplianceRecorder> {
    const knex = await openCapiDatabase(options.database);
    return new ComplianceRecorder(
      knex,
      options.reader,
      options.logger,
      options.now ?? Date.now,
      Math.max(2 * DAY, options.retentionMs ?? 90 * DAY),
    );
  }

  private constructor(
    knex: Knex,
    reader: FleetReader,
    logger: LoggerService,
    now: () => number,
    retentionMs: number,
  ) {
    this.#knex = knex;
    this.#reader = reader;
    this.#logger = logger;
    this.#now = now;
    this.#retentionMs = retentionMs;
  }

  /** Registers the snapshot task with the scheduler. */
  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'capi-compliance-snapshot',
      ...schedule,
      fn: async () => {
        const rows = await this.snapshot();
        this.#logger.debug(`Wrote ${rows} compliance snapshot rows`);
      },
    });
  }

  /** Takes one snapshot now; returns the number of rows written. */
  async snapshot(): Promise<number> {
    const takenAt = this.#now();
    // A management cluster this instance has not listed yet is unknown,
    // not empty: its clusters keep their last written counts.
    const unsynced = new Set(
      this.#reader
        .health()
        .filter(h => !h.lastSyncAt)
        .map(h => h.name),
    );
    const live: LiveCluster[] = [];
    const index = this.#reader.index;
    for (const id of index.clusterIds()) {
      const summary = index.getAggregate(id);
      if (!summary) continue;
      const { upToDate, pending, overdue, unknown, rebootRequired, total } =
        summary.patch;
      live.push({
        id,
        managementCluster: summary.managementCluster,
        owner: summary.owner,
        counts: { upToDate, pending, overdue, unknown, rebootRequired, total },
      });
    }

    return this.#knex.transaction(async tx => {
      const latestRows: LatestRow[] = await tx(LATEST).select();
      const plan = planSnapshot({
        takenAt,
        live,
        unsynced,
        latest: latestRows.map(
          (row): LatestScope => ({
            scope: row.scope,
            takenAt: Number(row.taken_at),
            counts: countsOf(row),
            owner: row.owner ?? undefined,
          }),
        ),
      });
      for (let i = 0; i < plan.rows.length; i += CHUNK) {
        await tx(TABLE).insert(plan.rows.slice(i, i + CHUNK).map(toRow));
      }
      for (let i = 0; i < plan.latest.length; i += CHUNK) {
        await tx(LATEST)
          .insert(
            plan.latest
              .slice(i, i + CHUNK)
              .map(row => ({ ...toRow(row), owner: row.owner ?? null })),
          )
          .onConflict('scope')
          .merge();
      }
      for (let i = 0; i < plan.gone.length; i += CHUNK) {
        await tx(LATEST)
          .whereIn('scope', plan.gone.slice(i, i + CHUNK))
          .delete();
      }
      await tx(TABLE)
        .where('taken_at', '<', takenAt - this.#retentionMs)
        .delete();
      return plan.rows.length;
    });
  }

  /** Points per scope at each fleet snapshot between two times, oldest first. */
  async series(options: {
    from: Date;
    to: Date;
    scopes: string[];
  }): Promise<ComplianceSeries[]> {
    const from = options.from.getTime();
    const to = options.to.getTime();
    const fleetRows: SnapshotRow[] = await this.#knex(TABLE)
      .where('scope', 'fleet')
      .andWhere('taken_at', '>=', from)
      .andWhere('taken_at', '<=', to)
      .orderBy('taken_at', 'asc')
      .limit(20_000);
    const times = fleetRows.map(r => Number(r.taken_at));
    const result: ComplianceSeries[] = [];
    for (const scope of options.scopes) {
      if (scope === 'fleet') {
        result.push({
          scope,
          points: fleetRows.map(r => toPoint(r, Number(r.taken_at))),
        });
        continue;
      }
      const [base]: SnapshotRow[] = await this.#knex(TABLE)
        .where('scope', scope)
        .andWhere('taken_at', '<', from)
        .orderBy('taken_at', 'desc')
        .limit(1);
      const rows: SnapshotRow[] = await this.#knex(TABLE)
        .where('scope', scope)
        .andWhere('taken_at', '>=', from)
        .andWhere('taken_at', '<=', to)
        .orderBy('taken_at', 'asc')
        .limit(20_000);
      const points: CompliancePoint[] = [];
      let current: SnapshotRow | undefined = base;
      let next = 0;
      for (const at of times) {
        while (next < rows.length && Number(rows[next].taken_at) <= at) {
          current = rows[next++];
        }
        if (current) points.push(toPoint(current, at));
      }
      result.push({ scope, points });
    }
    return result;
  }
}
