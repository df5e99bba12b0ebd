// @ts-check

/**
 * Clones waiting for their new cluster to run: the backup to restore into it once it
 * does, kept in the database so that a backend restart or a closed browser tab does
 * not lose it. One row per new cluster, gone when the restore ran or was given up.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('virtual_cluster_pending_restores', table => {
    table.comment('Backups to restore into clusters once they run (clones)');
    table
      .string('cluster_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('virtual_clusters')
      .onDelete('CASCADE');
    table
      .string('backup_id', 36)
      .notNullable()
      .references('id')
      .inTable('virtual_cluster_backups')
      .onDelete('CASCADE');
    table.string('requested_by').notNullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('last_error').nullable();
    table
      .timestamp('claimed_until', { useTz: true })
      .nullable()
      .comment('An instance is restoring it until then');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('virtual_cluster_pending_restores');
};
