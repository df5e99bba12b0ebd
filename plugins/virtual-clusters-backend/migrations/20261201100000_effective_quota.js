// @ts-check

/**
 * What the host enforces for each virtual cluster: `hard` and `used` of the vcluster
 * chart's ResourceQuota `vc-<name>` in its host namespace (chart defaults merged with
 * the cluster's quota), as the reconciler last read it. Null until read, and for
 * clusters without a quota.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('virtual_clusters', table => {
    table
      .text('effective_quota')
      .nullable()
      .comment('JSON { hard, used } of the ResourceQuota the host enforces');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('virtual_clusters', table => {
    table.dropColumn('effective_quota');
  });
};
