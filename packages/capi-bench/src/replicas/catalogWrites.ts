import type { Knex } from 'knex';
import { CAPI_LOCATION_KEY } from '@capstan/plugin-catalog-backend-module-capi';

const LOG = 'capstan_test_capi_entity_writes';

export interface EntityWrites {
  /** Provider writes (a full or delta mutation touching the entity). */
  providerWrites: number;
  /** Provider writes that changed the entity's content (its hash). */
  contentChanges: number;
  /** Changes of the stitched entity the catalog serves (its etag moves). */
  finalChanges: number;
  /** Entities whose content or final entity changed, with how often. */
  changedEntities: Record<string, number>;
  /** Entities whose content (as the provider wrote it) changed, with how often. */
  contentChangedEntities: Record<string, number>;
}

/**
 * Records, in the catalog database the replicas share, every write of a
 * capi provider entity (as PostgreSQL triggers on the catalog's own tables):
 * when the provider wrote it, whether its content changed, and whether the
 * entity the catalog serves changed. A catalog database of a test run only.
 */
export class CatalogWriteLog {
  private constructor(private readonly db: Knex) {}

  static async install(db: Knex): Promise<CatalogWriteLog> {
    await db.raw(`create table if not exists ${LOG} (
      id serial primary key,
      tbl text not null,
      entity_ref text not null,
      provider_write boolean not null,
      changed boolean not null
    )`);
    await db.raw(`create or replace function ${LOG}_refresh_state() returns trigger as $$
      begin
        if NEW.location_key = '${CAPI_LOCATION_KEY}' then
          insert into ${LOG} (tbl, entity_ref, provider_write, changed) values (
            'refresh_state', NEW.entity_ref,
            TG_OP = 'INSERT' or OLD.last_discovery_at is distinct from NEW.last_discovery_at
              or OLD.unprocessed_hash is distinct from NEW.unprocessed_hash,
            TG_OP = 'INSERT' or OLD.unprocessed_hash is distinct from NEW.unprocessed_hash);
        end if;
        return NEW;
      end $$ language plpgsql`);
    await db.raw(`create or replace function ${LOG}_final_entities() returns trigger as $$
      declare ref text;
      begin
        select entity_ref into ref from refresh_state
          where entity_id = NEW.entity_id and location_key = '${CAPI_LOCATION_KEY}';
        if ref is not null and (TG_OP = 'INSERT' or OLD.hash is distinct from NEW.hash) then
          insert into ${LOG} (tbl, entity_ref, provider_write, changed)
            values ('final_entities', ref, false, true);
        end if;
        return NEW;
      end $$ language plpgsql`);
    for (const tbl of ['refresh_state', 'final_entities']) {
      await db.raw(`drop trigger if exists ${LOG}_${tbl} on ${tbl}`);
      await db.raw(
        `create trigger ${LOG}_${tbl} after insert or update on ${tbl} for each row execute function ${LOG}_${tbl}()`,
      );
    }
    return new CatalogWriteLog(db);
  }

  /** Entities of the provider the catalog serves (stitched). */
  static async servedEntities(db: Knex): Promise<number> {
    const [{ count }] = await db('refresh_state')
      .join(
        'final_entities',
        'final_entities.entity_id',
        'refresh_state.entity_id',
      )
      .where('refresh_state.location_key', CAPI_LOCATION_KEY)
      .whereNotNull('final_entities.final_entity')
      .count({ count: '*' });
    return Number(count);
  }

  /** Provider writes of one entity since the log was installed. */
  async providerWritesOf(entityRef: string): Promise<number> {
    const [{ count }] = await this.db(LOG)
      .where({
        tbl: 'refresh_state',
        entity_ref: entityRef,
        provider_write: true,
      })
      .count({ count: '*' });
    return Number(count);
  }

  async summary(): Promise<EntityWrites> {
    const rows: Array<{
      tbl: string;
      entity_ref: string;
      provider_write: boolean;
      changed: boolean;
    }> = await this.db(LOG).select();
    const changedEntities: Record<string, number> = {};
    const contentChangedEntities: Record<string, number> = {};
    for (const r of rows.filter(row => row.changed)) {
      changedEntities[r.entity_ref] = (changedEntities[r.entity_ref] ?? 0) + 1;
      if (r.tbl === 'refresh_state') {
        contentChangedEntities[r.entity_ref] =
          (contentChangedEntities[r.entity_ref] ?? 0) + 1;
      }
    }
    return {
      providerWrites: rows.filter(r => r.provider_write).length,
      contentChanges: rows.filter(r => r.tbl === 'refresh_state' && r.changed)
        .length,
      finalChanges: rows.filter(r => r.tbl === 'final_entities').length,
      changedEntities,
      contentChangedEntities,
    };
  }

  /** Distinct times the scheduler has planned the provider's full refresh for. */
  async refreshRunsPlanned(): Promise<string | undefined> {
    const row = await this.db('backstage_backend_tasks__tasks')
      .where('id', 'CapiClusterEntityProvider:refresh')
      .first('next_run_start_at');
    return row ? String(row.next_run_start_at) : undefined;
  }
}
