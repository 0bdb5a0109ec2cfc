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

/**
 * Writes fleet compliance snapshots (nodes per patch state, for the fleet,
 * each owner and each cluster) to the plugin database on a schedule, and
 * reads them back as time series. The scheduler runs the task on one
 * backend instance at a time.
 *
 * @public
 */
export class ComplianceRecorder {
  readonly #knex: Knex;
  readonly #reader: FleetReader;
  readonly #logger: LoggerService;
  readonly #now: () => number;

  static async create(options: {
    database: DatabaseService;
    reader: FleetReader;
    logger: LoggerService;
    now?: () => number;
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
    );
  }

  private constructor(
    knex: Knex,
    reader: FleetReader,
    logger: LoggerService,
    now: () => number,
  ) {
    this.#knex = knex;
    this.#reader = reader;
    this.#logger = logger;
    this.#now = now;
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
    const scopes = new Map<string, Counts>([['fleet', emptyCounts()]]);
    const add = (scope: string, c: Counts) => {
      let counts = scopes.get(scope);
      if (!counts) scopes.set(scope, (counts = emptyCounts()));
      counts.upToDate += c.upToDate;
      counts.pending += c.pending;
      counts.overdue += c.overdue;
      counts.unknown += c.unknown;
      counts.rebootRequired += c.rebootRequired;
      counts.total += c.total;
    };
    const index = this.#reader.index;
    for (const id of index.clusterIds()) {
      const summary = index.getSummary(id);
      if (!summary) continue;
      const counts = { ...summary.patch };
      add('fleet', counts);
      add(`cluster:${id}`, counts);
      if (summary.owner) add(`owner:${summary.owner}`, counts);
    }
    const rows = [...scopes].map(([scope, c]) => ({
      taken_at: takenAt,
      scope,
      up_to_date: c.upToDate,
      pending: c.pending,
      overdue: c.overdue,
      unknown: c.unknown,
      reboot_required: c.rebootRequired,
      total: c.total,
    }));
    await this.#knex.transaction(async tx => {
      for (let i = 0; i < rows.length; i += 200) {
        await tx(TABLE).insert(rows.slice(i, i + 200));
      }
    });
    return rows.length;
  }

  /** Points per scope between two times, oldest first. */
  async series(options: {
    from: Date;
    to: Date;
    scopes: string[];
  }): Promise<ComplianceSeries[]> {
    const rows: SnapshotRow[] = await this.#knex(TABLE)
      .whereIn('scope', options.scopes)
      .andWhere('taken_at', '>=', options.from.getTime())
      .andWhere('taken_at', '<=', options.to.getTime())
      .orderBy('taken_at', 'asc')
      .limit(50_000);
    const byScope = new Map<string, CompliancePoint[]>(
      options.scopes.map(s => [s, []]),
    );
    for (const row of rows) {
      const total = Number(row.total);
      const overdue = Number(row.overdue);
      const unknown = Number(row.unknown);
      byScope.get(row.scope)?.push({
        at: new Date(Number(row.taken_at)).toISOString(),
        upToDate: Number(row.up_to_date),
        pending: Number(row.pending),
        overdue,
        unknown,
        rebootRequired: Number(row.reboot_required),
        total,
        compliance: total === 0 ? 1 : (total - overdue - unknown) / total,
      });
    }
    return [...byScope].map(([scope, points]) => ({ scope, points }));
  }
}
