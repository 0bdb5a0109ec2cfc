// @ts-check

/**
 * The counts last written per scope (`owner:<ref>`, `cluster:<id>`), with
 * the owner of each cluster. Snapshots compare against this table instead
 * of one process's memory, so that whichever instance writes the next
 * snapshot (after a restart, on another replica) knows which scopes changed
 * and which are gone and need an all-zero row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('capi_compliance_latest', table => {
    table.string('scope', 512).primary();
    table.bigInteger('taken_at').notNullable();
    table.integer('up_to_date').notNullable();
    table.integer('pending').notNullable();
    table.integer('overdue').notNullable();
    table.integer('unknown').notNullable();
    table.integer('reboot_required').notNullable();
    table.integer('total').notNullable();
    table.string('owner', 512).nullable();
  });
  // Start from the newest row of every scope already written, so that a
  // cluster removed right after the upgrade still gets its zero row.
  await knex.raw(`
    INSERT INTO "capi_compliance_latest"
      ("scope", "taken_at", "up_to_date", "pending", "overdue", "unknown", "reboot_required", "total")
    SELECT s."scope", s."taken_at", s."up_to_date", s."pending", s."overdue", s."unknown", s."reboot_required", s."total"
    FROM "capi_compliance_snapshots" s
    WHERE s."scope" <> 'fleet'
      AND s."id" = (
        SELECT MAX(i."id") FROM "capi_compliance_snapshots" i WHERE i."scope" = s."scope"
      )
  `);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('capi_compliance_latest');
};
