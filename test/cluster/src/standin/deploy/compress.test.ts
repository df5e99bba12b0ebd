import { compress, uncompress } from './compress.ts';

describe('lastAppliedManifests compression (pkg/util/compress v0.32.3)', () => {
  it('writes what Go’s gzip writer writes for a small manifest', () => {
    // printed by compress.Compress (Go 1.26) for the same input
    expect(
      compress('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n'),
    ).toBe(
      'H4sIAAAAAAAA/0osyAxLLSrOzM+zUigz5MrOzEuxUnDOz0vLTPdNLODKTS1JTEksSbTiUlDIS8xNtVJI5AIAAAD//wEAAP//3TGg3TMAAAA=',
    );
    expect(compress('')).toBe('H4sIAAAAAAAA/wAAAP//AQAA//8AAAAAAAAAAA==');
  });

  it('reads back what it wrote, and refuses what is not base64 gzip', () => {
    const text = Array.from(
      { length: 200 },
      (_, i) => `kind: ConfigMap\nmetadata: { name: cm-${i} }\n`,
    ).join('---\n');
    expect(uncompress(compress(text))).toBe(text);
    expect(() => uncompress('not base64!')).toThrow();
    expect(() => uncompress('aGVsbG8=')).toThrow();
  });
});
