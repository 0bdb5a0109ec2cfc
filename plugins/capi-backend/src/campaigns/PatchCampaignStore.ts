import { randomUUID } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  NewPatchCampaign,
  PatchCampaign,
  PatchCampaignFinalCounts,
} from '@capstan/plugin-capi-common';
import type { Knex } from 'knex';
import { openCapiDatabase } from '../database/capiDatabase';

const TABLE = 'capi_patch_campaigns';
/** Closed campaigns listed after the open ones when asked for. */
const CLOSED_SHOWN = 10;

interface Row {
  id: string;
  name: string;
  started_at: number | string;
  sla_hours: number | string;
  created_by: string;
  created_at: number | string;
  closed_at: number | string | null;
  closed_by: string | null;
  final_clusters?: number | string | null;
  final_machines?: number | string | null;
  final_patched?: number | string | null;
}

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

function fromRow(row: Row): PatchCampaign {
  const campaign: PatchCampaign = {
    id: row.id,
    name: row.name,
    startedAt: iso(row.started_at),
    slaHours: Number(row.sla_hours),
    createdBy: row.created_by,
  };
  if (row.closed_at !== null) campaign.closedAt = iso(row.closed_at);
  if (row.closed_by) campaign.closedBy = row.closed_by;
  if (
    row.final_clusters !== null &&
    row.final_clusters !== undefined &&
    row.final_machines !== null &&
    row.final_machines !== undefined &&
    row.final_patched !== null &&
    row.final_patched !== undefined
  ) {
    campaign.final = {
      clusters: Number(row.final_clusters),
      machines: Number(row.final_machines),
      patched: Number(row.final_patched),
    };
  }
  return campaign;
}

/**
 * Patch campaigns in the plugin database (SQLite or PostgreSQL), with the
 * knex migrations of `@capstan/plugin-capi-backend`. Inputs are checked by
 * the router before they reach it.
 */
export class PatchCampaignStore {
  readonly #knex: Knex;
  readonly #now: () => number;

  static async create(options: {
    database: Pick<DatabaseService, 'getClient' | 'migrations'>;
    now?: () => number;
  }): Promise<PatchCampaignStore> {
    const knex = await openCapiDatabase(options.database);
    return new PatchCampaignStore(knex, options.now ?? Date.now);
  }

  private constructor(knex: Knex, now: () => number) {
    this.#knex = knex;
    this.#now = now;
  }

  async start(
    campaign: NewPatchCampaign,
    createdBy: string,
  ): Promise<PatchCampaign> {
    const row: Row = {
      id: randomUUID(),
      name: campaign.name,
      started_at: Date.parse(campaign.startedAt),
      sla_hours: campaign.slaHours,
      created_by: createdBy,
      created_at: this.#now(),
      closed_at: null,
      closed_by: null,
    };
    await this.#knex(TABLE).insert(row);
    return fromRow(row);
  }

  /** Open campaigns, latest start first; with `includeClosed`, the last closed ones after them. */
  async list(
    options: { includeClosed?: boolean } = {},
  ): Promise<PatchCampaign[]> {
    const open = (await this.#knex<Row>(TABLE)
      .whereNull('closed_at')
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])) as Row[];
    const closed = options.includeClosed
      ? ((await this.#knex<Row>(TABLE)
          .whereNotNull('closed_at')
          .orderBy('closed_at', 'desc')
          .limit(CLOSED_SHOWN)) as Row[])
      : [];
    return [...open, ...closed].map(fromRow);
  }

  /** One campaign, open or closed; undefined when there is no such campaign. */
  async get(id: string): Promise<PatchCampaign | undefined> {
    const row = (await this.#knex<Row>(TABLE).where({ id }).first()) as
      | Row
      | undefined;
    return row && fromRow(row);
  }

  /** Closed campaigns, last closed first. */
  async past(limit: number): Promise<PatchCampaign[]> {
    const rows = (await this.#knex<Row>(TABLE)
      .whereNotNull('closed_at')
      .orderBy([
        { column: 'closed_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit)) as Row[];
    return rows.map(fromRow);
  }

  /**
   * Closes an open campaign, keeping who closed it, when, and its final
   * numbers; undefined when there is no such campaign. Closing twice keeps
   * the first close.
   */
  async close(
    id: string,
    closedBy: string,
    final?: PatchCampaignFinalCounts,
  ): Promise<PatchCampaign | undefined> {
    await this.#knex(TABLE)
      .where({ id })
      .whereNull('closed_at')
      .update({
        closed_at: this.#now(),
        closed_by: closedBy,
        final_clusters: final?.clusters ?? null,
        final_machines: final?.machines ?? null,
        final_patched: final?.patched ?? null,
      });
    const row = (await this.#knex<Row>(TABLE).where({ id }).first()) as
      | Row
      | undefined;
    return row && fromRow(row);
  }
}
