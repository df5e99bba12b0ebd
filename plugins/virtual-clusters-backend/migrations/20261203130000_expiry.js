// @ts-check

/**
 * Expiry: when a cluster is deleted (after a final backup), the smallest notice
 * already sent to its owners (days before), and when its expiry was last acted on.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('virtual_clusters', table => {
    table
      .timestamp('expires_at', { useTz: true })
      .nullable()
      .comment('When the backend deletes the cluster, after a final backup');
    table
      .integer('expiry_notice_days')
      .nullable()
      .comment('The smallest expiry notice sent, in days before it');
    table
      .timestamp('expiry_attempted_at', { useTz: true })
      .nullable()
      .comment('When the expiry was last acted on (a final backup tried)');
    table.index(['expires_at'], 'virtual_clusters_expires_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('virtual_clusters', table => {
    table.dropIndex(['expires_at'], 'virtual_clusters_expires_at_idx');
    table.dropColumn('expiry_attempted_at');
    table.dropColumn('expiry_notice_days');
    table.dropColumn('expires_at');
  });
};
