import { randomUUID } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  NewPatchCampaign,
  PatchCampaign,
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

  /** Closes an open campaign; undefined when there is no such campaign. Closing twice keeps the first close. */
  async close(
    id: string,
    closedBy: string,
  ): Promise<PatchCampaign | undefined> {
    await this.#knex(TABLE)
      .where({ id })
      .whereNull('closed_at')
      .update({ closed_at: this.#now(), closed_by: closedBy });
    const row = (await this.#knex<Row>(TABLE).where({ id }).first()) as
      | Row
      | undefined;
    return row && fromRow(row);
  }
}
