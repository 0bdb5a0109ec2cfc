// @ts-check

/**
 * Fleet compliance snapshots: machines per patch state, per scope
 * (`fleet`, `owner:<ref>`, `cluster:<id>`), at one time (epoch ms).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('capi_compliance_snapshots', table => {
    table.bigIncrements('id').primary();
    table.bigInteger('taken_at').notNullable();
    table.string('scope', 512).notNullable();
    table.integer('up_to_date').notNullable();
    table.integer('pending').notNullable();
    table.integer('overdue').notNullable();
    table.integer('unknown').notNullable();
    table.integer('reboot_required').notNullable();
    table.integer('total').notNullable();
    table.index(['scope', 'taken_at'], 'capi_compliance_scope_time_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('capi_compliance_snapshots');
};
