// @ts-check

/**
 * Change requests: what a Capstan template run published for one cluster,
 * and how far the change got (one timestamp per stage, as JSON).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('capi_change_requests', table => {
    table.string('id', 64).primary();
    table.string('cluster_id', 200).notNullable();
    table.string('kind', 32).notNullable();
    table.string('requested_by', 512).nullable();
    table.bigInteger('requested_at').notNullable();
    table.string('task_id', 256).notNullable();
    table.string('task_url', 1024).nullable();
    table.string('mode', 16).notNullable();
    table.string('commit_sha', 64).nullable();
    table.string('pull_request_url', 1024).nullable();
    table.text('desired').notNullable();
    table.string('stage', 32).notNullable();
    table.bigInteger('stage_at').notNullable();
    table.text('stages').notNullable();
    table.text('reason').nullable();
    table.boolean('open').notNullable();
    table.bigInteger('pr_checked_at').nullable();
    table.index(
      ['cluster_id', 'requested_at'],
      'capi_change_requests_cluster_idx',
    );
    table.index(['open'], 'capi_change_requests_open_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('capi_change_requests');
};
