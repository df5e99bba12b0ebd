import { constants, crc32, deflateRawSync, gunzipSync } from 'node:zlib';

/**
 * pkg/util/compress/compress.go v0.32.3 Compress: gzip (Go's compress/gzip writer: no
 * name, mtime 0, OS byte 255) at the default level, flushed and closed (a sync flush,
 * then an empty final stored block), base64-encoded. The deflate blocks are zlib's
 * rather than Go's compress/flate, so long inputs may differ byte for byte; any gzip
 * reader, upstream's Uncompress included, reads both.
 */
export function compress(text: string): string {
  const data = Buffer.from(text, 'utf8');
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const body = deflateRawSync(data, {
    level: 6,
    finishFlush: constants.Z_SYNC_FLUSH,
  });
  const final = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length % 2 ** 32, 4);
  return Buffer.concat([header, body, final, trailer]).toString('base64');
}

/** pkg/util/compress/compress.go v0.32.3 Uncompress: base64, then gunzip; throws on either failing. */
export function uncompress(encoded: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    throw new Error('illegal base64 data');
  }
  return gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8');
}
