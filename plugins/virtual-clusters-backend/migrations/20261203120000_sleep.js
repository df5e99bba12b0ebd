// @ts-check

/**
 * Sleep: why and since when a cluster sleeps (a pause the backend made), and the last
 * activity seen on it, which inactivity is measured from. Both JSON.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('virtual_clusters', table => {
    table
      .text('sleep')
      .nullable()
      .comment('JSON {since, type, message} while the backend keeps it asleep');
    table
      .text('last_activity')
      .nullable()
      .comment('JSON {at, kind} of the last activity seen');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('virtual_clusters', table => {
    table.dropColumn('last_activity');
    table.dropColumn('sleep');
  });
};
