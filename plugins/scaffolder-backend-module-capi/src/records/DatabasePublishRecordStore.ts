import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { PublishRecord, PublishRecordStore } from './PublishRecordStore';

const TABLE = 'capstan_publish_records';
/** Records are needed for the length of a task; old ones are removed. */
const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Publish records in the scaffolder's database, so every replica and a
 * restarted backend see the records of a task that another one rendered.
 */
export class DatabasePublishRecordStore implements PublishRecordStore {
  readonly #database: DatabaseService;
  #ready: Promise<Knex> | undefined;

  static create(options: { database: DatabaseService }) {
    return new DatabasePublishRecordStore(options.database);
  }

  private constructor(database: DatabaseService) {
    this.#database = database;
  }

  #db(): Promise<Knex> {
    this.#ready ??= (async () => {
      const knex = await this.#database.getClient();
      if (!(await knex.schema.hasTable(TABLE))) {
        await knex.schema
          .createTable(TABLE, table => {
            table.string('task_id', 255).notNullable();
            table.string('path', 512).notNullable();
            table.text('files').notNullable();
            table.bigInteger('created_at').notNullable();
            table.primary(['task_id', 'path']);
          })
          .catch(async error => {
            // Another replica created it at the same time.
            if (!(await knex.schema.hasTable(TABLE))) throw error;
          });
      }
      return knex;
    })();
    this.#ready.catch(() => {
      this.#ready = undefined;
    });
    return this.#ready;
  }

  async put(record: PublishRecord): Promise<void> {
    const knex = await this.#db();
    const now = Date.now();
    await knex(TABLE)
      .insert({
        task_id: record.taskId,
        path: record.path,
        files: JSON.stringify(record.files),
        created_at: now,
      })
      .onConflict(['task_id', 'path'])
      .merge(['files', 'created_at']);
    await knex(TABLE)
      .where('created_at', '<', now - RETENTION_MS)
      .delete();
  }

  async get(taskId: string, path: string) {
    const knex = await this.#db();
    const row = await knex(TABLE).where({ task_id: taskId, path }).first();
    if (!row) {
      return undefined;
    }
    return {
      taskId,
      path,
      files: JSON.parse(row.files) as Record<string, string>,
    };
  }
}
