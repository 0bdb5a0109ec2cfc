import type { DatabaseService } from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * The capi backend's database client with its migrations (the package's
 * `migrations/` folder, tracked in `capi_knex_migrations`) applied, unless
 * the deployment sets `migrations.skip`. Every store of the plugin opens
 * its client here; applying the latest migrations again is a no-op.
 */
export async function openCapiDatabase(
  database: Pick<DatabaseService, 'getClient' | 'migrations'>,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({
      directory: resolvePackagePath(
        '@capstan/plugin-capi-backend',
        'migrations',
      ),
      tableName: 'capi_knex_migrations',
    });
  }
  return knex;
}
