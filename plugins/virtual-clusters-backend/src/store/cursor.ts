/*
 * List cursors: an offset into the ordered list, opaque to clients (base64url JSON).
 */

/** The cursor of the page that starts at `offset`. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/** Decodes a list cursor; undefined when it is not one of ours. */
export function decodeCursor(cursor: string): number | undefined {
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    return Number.isInteger(o) && o >= 0 ? o : undefined;
  } catch {
    return undefined;
  }
}
