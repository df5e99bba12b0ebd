// @ts-check

/**
 * Cluster groups: the group a cluster was placed through, and one lock row per group
 * (or host outside a group) that creates take while they count what is placed and
 * insert, so that concurrent creates never go past a limit.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('virtual_clusters', table => {
    table
      .string('cluster_group', 63)
      .nullable()
      .comment('Cluster group the cluster was placed through, if any');
    table.index(['cluster_group'], 'virtual_clusters_cluster_group_idx');
  });
  await knex.schema.createTable('virtual_cluster_admission_locks', table => {
    table.comment(
      'One row per cluster group or lone host; creates lock it while they admit a cluster',
    );
    table.string('key', 80).primary().notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('virtual_cluster_admission_locks');
  await knex.schema.alterTable('virtual_clusters', table => {
    table.dropIndex(['cluster_group'], 'virtual_clusters_cluster_group_idx');
    table.dropColumn('cluster_group');
  });
};
