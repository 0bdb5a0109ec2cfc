import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type {
  CompliancePoint,
  ComplianceSeries,
} from '@capstan/plugin-capi-common';
import type { Knex } from 'knex';
import type { FleetReader } from './FleetReader';

const TABLE = 'capi_compliance_snapshots';
const DAY = 86_400_000;

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

type Counts = Omit<CompliancePoint, 'at' | 'compliance'>;

function emptyCounts(): Counts {
  return {
    upToDate: 0,
    pending: 0,
    overdue: 0,
    unknown: 0,
    rebootRequired: 0,
    total: 0,
  };
}

function countsKey(c: Counts): string {
  return `${c.upToDate},${c.pending},${c.overdue},${c.unknown},${c.rebootRequired},${c.total}`;
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
    compliance: total === 0 ? 1 : (total - overdue - unknown) / total,
  };
}

/**
 * Writes fleet compliance snapshots (machines per patch state) to the
 * plugin database on a schedule, and reads them back as time series. The
 * scheduler runs the task on one backend instance at a time.
 *
 * To stay small at 10,000 clusters, `fleet` and `owner:` rows are written
 * every time, `cluster:` rows only when a cluster's counts changed (plus a
 * full keyframe once a day, and an all-zero row when a cluster is gone).
 * Series are returned at the times of the fleet snapshots, carrying each
 * scope's last written counts forward. Rows older than the retention are
 * deleted.
 *
 * @public
 */
export class ComplianceRecorder {
  readonly #knex: Knex;
  readonly #reader: FleetReader;
  readonly #logger: LoggerService;
  readonly #now: () => number;
  readonly #retentionMs: number;
  /** What was last written per change-only scope, by this instance. */
  #written = new Map<string, string>();
  #lastKeyframeAt = -Infinity;

  static async create(options: {
    database: DatabaseService;
    reader: FleetReader;
    logger: LoggerService;
    now?: () => number;
    /** Default 90 days; at least 2 days (the keyframe interval is 1 day). */
    retentionMs?: number;
  }): Promise<ComplianceRecorder> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@capstan/plugin-capi-backend',
          'migrations',
        ),
        tableName: 'capi_knex_migrations',
      });
    }
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
    const always = new Map<string, Counts>([['fleet', emptyCounts()]]);
    const perCluster = new Map<string, Counts>();
    const add = (map: Map<string, Counts>, scope: string, c: Counts) => {
      let counts = map.get(scope);
      if (!counts) map.set(scope, (counts = emptyCounts()));
      counts.upToDate += c.upToDate;
      counts.pending += c.pending;
      counts.overdue += c.overdue;
      counts.unknown += c.unknown;
      counts.rebootRequired += c.rebootRequired;
      counts.total += c.total;
    };
    const index = this.#reader.index;
    for (const id of index.clusterIds()) {
      const summary = index.getAggregate(id);
      if (!summary) continue;
      add(always, 'fleet', summary.patch);
      add(perCluster, `cluster:${id}`, summary.patch);
      if (summary.owner) add(always, `owner:${summary.owner}`, summary.patch);
    }

    const keyframe = takenAt - this.#lastKeyframeAt >= DAY;
    const changeOnly = new Map<string, Counts>(perCluster);
    for (const [scope, counts] of always) {
      if (scope !== 'fleet') changeOnly.set(scope, counts);
    }
    // Scopes written before and gone now get an all-zero row, so that
    // carrying values forward does not keep them alive.
    for (const scope of this.#written.keys()) {
      if (!changeOnly.has(scope)) changeOnly.set(scope, emptyCounts());
    }
    const rows: Array<Record<string, number | string>> = [];
    const written = new Map<string, string>();
    const push = (scope: string, c: Counts) =>
      rows.push({
        taken_at: takenAt,
        scope,
        up_to_date: c.upToDate,
        pending: c.pending,
        overdue: c.overdue,
        unknown: c.unknown,
        reboot_required: c.rebootRequired,
        total: c.total,
      });
    push('fleet', always.get('fleet')!);
    for (const [scope, counts] of changeOnly) {
      const key = countsKey(counts);
      const gone =
        counts.total === 0 && !perCluster.has(scope) && !always.has(scope);
      if (keyframe || always.has(scope) || this.#written.get(scope) !== key) {
        push(scope, counts);
      }
      if (!gone) written.set(scope, key);
    }

    await this.#knex.transaction(async tx => {
      for (let i = 0; i < rows.length; i += 200) {
        await tx(TABLE).insert(rows.slice(i, i + 200));
      }
      await tx(TABLE)
        .where('taken_at', '<', takenAt - this.#retentionMs)
        .delete();
    });
    this.#written = written;
    if (keyframe) this.#lastKeyframeAt = takenAt;
    return rows.length;
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
