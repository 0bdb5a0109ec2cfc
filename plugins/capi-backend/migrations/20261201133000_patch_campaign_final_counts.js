// @ts-check

/**
 * A closed patch campaign keeps its final numbers: the whole fleet's count
 * at the moment it was closed, for the fleet page's "Past campaigns".
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('capi_patch_campaigns', table => {
    table.integer('final_clusters').nullable();
    table.integer('final_machines').nullable();
    table.integer('final_patched').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('capi_patch_campaigns', table => {
    table.dropColumn('final_clusters');
    table.dropColumn('final_machines');
    table.dropColumn('final_patched');
  });
};
