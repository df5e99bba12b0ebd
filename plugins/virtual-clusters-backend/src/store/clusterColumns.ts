import { toIso, toOptionalIso } from './dates';
import { VirtualClusterChanges, VirtualClusterRecord } from './types';

/** A row of table `virtual_clusters` as knex reads and writes it. */
export type Row = Record<string, any>;

/** How one field is written to its column and read back; `nullable` columns may be NULL. */
interface Codec {
  nullable: boolean;
  write(value: any): unknown;
  read(value: any): unknown;
}

const text: Codec = { nullable: false, write: v => v, read: v => v };
const optionalText: Codec = {
  nullable: true,
  write: v => v ?? null,
  read: v => v ?? undefined,
};
const json: Codec = {
  nullable: false,
  write: v => JSON.stringify(v),
  read: v => JSON.parse(v),
};
const optionalJson: Codec = {
  nullable: true,
  write: v => (v === undefined ? null : JSON.stringify(v)),
  read: v => (v === null || v === undefined ? undefined : JSON.parse(v)),
};
const integer: Codec = { nullable: false, write: v => v, read: Number };
const timestamp: Codec = {
  nullable: false,
  write: v => new Date(v),
  read: toIso,
};
const optionalTimestamp: Codec = {
  nullable: true,
  write: v => (v ? new Date(v) : null),
  read: toOptionalIso,
};

/** The fields kept in the row: all but `cost`, which the API adds when asked. */
type StoredField = Exclude<keyof VirtualClusterRecord, 'cost'>;

/**
 * Every field of a stored cluster and how it is stored; its column is the field's
 * name in snake case (migrations/20261124120000_init.js and later). The one mapping
 * between records and rows.
 */
const CODECS: Record<StoredField, Codec> = {
  id: text,
  name: text,
  hostCluster: text,
  namespace: text,
  owner: text,
  relatedEntityRefs: json,
  spec: json,
  desiredState: text,
  phase: text,
  reason: optionalText,
  message: optionalText,
  conditions: json,
  endpoint: optionalText,
  effectiveQuota: optionalJson,
  generation: integer,
  observedGeneration: integer,
  version: integer,
  requestId: optionalText,
  createdBy: text,
  createdAt: timestamp,
  updatedAt: timestamp,
  phaseChangedAt: timestamp,
  deletedAt: optionalTimestamp,
  attempts: integer,
  nextAttemptAt: optionalTimestamp,
};

/** The column of a field: `hostCluster` → `host_cluster`. */
export const columnOf = (field: StoredField) =>
  field.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);

const FIELDS = Object.keys(CODECS) as StoredField[];

/** A row as read from `virtual_clusters`, as a record. */
export function rowToRecord(row: Row): VirtualClusterRecord {
  return Object.fromEntries(
    FIELDS.map(field => [field, CODECS[field].read(row[columnOf(field)])]),
  ) as unknown as VirtualClusterRecord;
}

/**
 * The columns of the fields given: a whole record to insert, or the changes of an
 * update. A field given as undefined clears a nullable column (`endpoint:
 * undefined`) and leaves a required one alone.
 */
export function toRow(
  fields: VirtualClusterChanges | VirtualClusterRecord,
): Row {
  const row: Row = {};
  for (const [field, value] of Object.entries(fields)) {
    const codec = CODECS[field as StoredField];
    if (!codec || (value === undefined && !codec.nullable)) continue;
    row[columnOf(field as StoredField)] = codec.write(value);
  }
  return row;
}
