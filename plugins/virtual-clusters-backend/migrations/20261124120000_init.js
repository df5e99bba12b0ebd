// @ts-check

/**
 * Virtual clusters, their lifecycle timeline, backups and hourly cost samples.
 * No kubeconfig or token is ever stored.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('virtual_clusters', table => {
    table.comment('Virtual clusters and their lifecycle state');
    table.string('id', 36).primary().notNullable();
    table.string('name', 63).notNullable();
    table.string('host_cluster', 63).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('owner').notNullable();
    table.text('related_entity_refs').notNullable().comment('JSON array');
    table.text('spec').notNullable().comment('JSON VirtualClusterSpec');
    table
      .string('desired_state', 16)
      .notNullable()
      .defaultTo('running')
      .comment('running, paused or deleted: what the user asked for');
    table.string('phase', 16).notNullable();
    table.string('reason');
    table.text('message');
    table.text('conditions').notNullable().comment('JSON array');
    table.string('endpoint');
    table.integer('generation').notNullable().defaultTo(1);
    table.integer('observed_generation').notNullable().defaultTo(0);
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment('Optimistic concurrency counter');
    table.string('request_id').nullable().unique();
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('phase_changed_at', { useTz: true }).notNullable();
    table.timestamp('deleted_at', { useTz: true }).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table.index(['host_cluster', 'phase'], 'virtual_clusters_host_phase_idx');
    table.index(['owner'], 'virtual_clusters_owner_idx');
    table.index(['created_at', 'id'], 'virtual_clusters_created_idx');
  });
  // One live cluster per name: names become host names and catalog entity names.
  await knex.schema.alterTable('virtual_clusters', table => {
    table.unique(['name'], {
      indexName: 'virtual_clusters_live_name_uniq',
      predicate: knex.whereNull('deleted_at'),
    });
  });

  await knex.schema.createTable('virtual_cluster_entity_refs', table => {
    table.comment(
      'Catalog entities related to a cluster, for lookups by entity',
    );
    table
      .string('cluster_id', 36)
      .notNullable()
      .references('id')
      .inTable('virtual_clusters')
      .onDelete('CASCADE');
    table.string('entity_ref').notNullable();
    table.primary(['cluster_id', 'entity_ref']);
    table.index(['entity_ref'], 'virtual_cluster_entity_refs_ref_idx');
  });

  await knex.schema.createTable('virtual_cluster_events', table => {
    table.comment('Lifecycle timeline of each virtual cluster');
    table.bigIncrements('id').primary();
    table
      .string('cluster_id', 36)
      .notNullable()
      .references('id')
      .inTable('virtual_clusters')
      .onDelete('CASCADE');
    table.string('type', 64).notNullable();
    table.string('phase', 16);
    table.string('reason');
    table.text('message').notNullable();
    table.string('actor');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['cluster_id', 'id'], 'virtual_cluster_events_cluster_idx');
  });

  await knex.schema.createTable('virtual_cluster_backups', table => {
    table.comment('Exports of the API objects of a virtual cluster');
    table.string('id', 36).primary().notNullable();
    table
      .string('cluster_id', 36)
      .notNullable()
      .references('id')
      .inTable('virtual_clusters')
      .onDelete('CASCADE');
    table.string('status', 16).notNullable();
    table.integer('object_count').notNullable().defaultTo(0);
    table.bigInteger('size_bytes').notNullable().defaultTo(0);
    table
      .text('content', 'longtext')
      .nullable()
      .comment('JSON array of objects');
    table.text('error');
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.index(
      ['cluster_id', 'created_at'],
      'virtual_cluster_backups_cluster_idx',
    );
  });

  await knex.schema.createTable('virtual_cluster_cost_samples', table => {
    table.comment(
      'Requested resources integrated per hour, per virtual cluster',
    );
    table
      .string('cluster_id', 36)
      .notNullable()
      .references('id')
      .inTable('virtual_clusters')
      .onDelete('CASCADE');
    table.timestamp('bucket_start', { useTz: true }).notNullable();
    table.double('cpu_core_hours').notNullable().defaultTo(0);
    table.double('memory_gib_hours').notNullable().defaultTo(0);
    table.double('storage_gib_hours').notNullable().defaultTo(0);
    table.double('load_balancer_hours').notNullable().defaultTo(0);
    table.text('breakdown').nullable().comment('JSON: per virtual namespace');
    table.timestamp('last_sample_at', { useTz: true }).notNullable();
    table.primary(['cluster_id', 'bucket_start']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('virtual_cluster_cost_samples');
  await knex.schema.dropTable('virtual_cluster_backups');
  await knex.schema.dropTable('virtual_cluster_events');
  await knex.schema.dropTable('virtual_cluster_entity_refs');
  await knex.schema.dropTable('virtual_clusters');
};
