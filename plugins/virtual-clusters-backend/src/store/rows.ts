import { toIso, toOptionalIso } from './dates';

/** A table row as knex reads and writes it. */
export type Row = Record<string, any>;

/** How one field is written to its column and read back; `nullable` columns may be NULL. */
export interface Codec {
  nullable: boolean;
  write(value: any): unknown;
  read(value: any): unknown;
}

/** The codecs of the column types the migrations use. */
export const codecs = {
  text: { nullable: false, write: v => v, read: v => v },
  optionalText: {
    nullable: true,
    write: v => v ?? null,
    read: v => v ?? undefined,
  },
  json: {
    nullable: false,
    write: v => JSON.stringify(v),
    read: v => JSON.parse(v),
  },
  optionalJson: {
    nullable: true,
    write: v => (v === undefined ? null : JSON.stringify(v)),
    read: v => (v === null || v === undefined ? undefined : JSON.parse(v)),
  },
  integer: { nullable: false, write: v => v, read: Number },
  optionalInteger: {
    nullable: true,
    write: v => v ?? null,
    read: v => (v === null || v === undefined ? undefined : Number(v)),
  },
  /** An auto-incremented id, read as a string. */
  serial: { nullable: false, write: v => v, read: String },
  timestamp: { nullable: false, write: v => new Date(v), read: toIso },
  optionalTimestamp: {
    nullable: true,
    write: v => (v ? new Date(v) : null),
    read: toOptionalIso,
  },
} satisfies Record<string, Codec>;

/** The column of a field: its name in snake case (`hostCluster` → `host_cluster`). */
export const columnOf = (field: string) =>
  field.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);

/**
 * Maps objects of type `T` to rows and back, one codec per stored field; each
 * field's column is its name in snake case.
 */
export class RowMapper<T extends object> {
  readonly #codecs: Readonly<Record<string, Codec>>;

  constructor(fieldCodecs: { readonly [K in keyof T]?: Codec }) {
    this.#codecs = fieldCodecs as Record<string, Codec>;
  }

  /** The columns of the fields, in order; those of `except` left out. */
  columns(...except: (keyof T & string)[]): string[] {
    return Object.keys(this.#codecs)
      .filter(field => !except.includes(field as keyof T & string))
      .map(columnOf);
  }

  /** A row as read, as an object; a NULL optional column is left out. */
  fromRow(row: Row): T {
    const object: Record<string, unknown> = {};
    for (const [field, codec] of Object.entries(this.#codecs)) {
      const value = codec.read(row[columnOf(field)]);
      if (value !== undefined) object[field] = value;
    }
    return object as T;
  }

  /**
   * The columns of the fields given: a whole object to insert, or the changes of an
   * update. A field given as undefined clears a nullable column (`endpoint:
   * undefined`) and leaves a required one alone; fields without a codec are not
   * stored.
   */
  toRow(fields: Partial<T>): Row {
    const row: Row = {};
    for (const [field, value] of Object.entries(fields)) {
      const codec = this.#codecs[field];
      if (!codec || (value === undefined && !codec.nullable)) continue;
      row[columnOf(field)] = codec.write(value);
    }
    return row;
  }
}
