// @ts-check

/**
 * Patch campaigns: started by the platform team (name, start, SLA), shown on
 * the fleet page until closed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('capi_patch_campaigns', table => {
    table.string('id', 64).primary();
    table.string('name', 200).notNullable();
    table.bigInteger('started_at').notNullable();
    table.integer('sla_hours').notNullable();
    table.string('created_by', 512).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('closed_at').nullable();
    table.string('closed_by', 512).nullable();
    table.index(['closed_at'], 'capi_patch_campaigns_closed_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('capi_patch_campaigns');
};
