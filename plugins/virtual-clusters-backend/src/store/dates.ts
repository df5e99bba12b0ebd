/** Reads a timestamp column as ISO string: PostgreSQL returns Dates, SQLite numbers or strings. */
export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    return new Date(Number(value)).toISOString();
  }
  return new Date(String(value)).toISOString();
}

/** Like {@link toIso}, for nullable columns. */
export function toOptionalIso(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : toIso(value);
}
