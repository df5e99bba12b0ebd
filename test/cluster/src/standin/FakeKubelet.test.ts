import { podLogQuery } from './FakeKubelet.ts';

const query = (search: string) =>
  podLogQuery('web', new URLSearchParams(search));
const decoded = (search: string) =>
  Object.fromEntries(new URLSearchParams(query(search)));

// the kubelet's containerLogs query (k8s v1.36.3 pkg/kubelet/server/server.go
// getContainerLogs) as the host's pods/log query (pkg/registry/core/pod/strategy.go
// LogLocation), where the fake kubelet sends it (vcluster pkg/server/filters/redirect.go)
describe("the fake kubelet's containerLogs query as PodLogOptions", () => {
  it('passes what the virtual API server sends, with the container of the path', () => {
    expect(
      decoded(
        'follow=true&previous=true&timestamps=true&sinceSeconds=60&tailLines=10&limitBytes=4096',
      ),
    ).toEqual({
      container: 'web',
      follow: 'true',
      previous: 'true',
      timestamps: 'true',
      sinceSeconds: '60',
      tailLines: '10',
      limitBytes: '4096',
    });
    expect(decoded('')).toEqual({ container: 'web' });
  });

  it('decodes booleans as the parameter codec does: only 0 and false are false', () => {
    expect(decoded('follow=0&previous=FALSE&timestamps=')).toEqual({
      container: 'web',
      timestamps: 'true',
    });
    expect(decoded('follow=1&follow=false')).toMatchObject({ follow: 'true' });
  });

  it('reads the legacy `tail` over tailLines, `tail=all` as no limit', () => {
    expect(decoded('tail=5&tailLines=10')).toMatchObject({ tailLines: '5' });
    expect(decoded('tail=all&tailLines=10')).toEqual({ container: 'web' });
    expect(decoded('tail=&tailLines=10')).toMatchObject({ tailLines: '10' });
  });

  it('formats sinceTime as RFC 3339 to the second, as LogLocation does', () => {
    expect(decoded('sinceTime=2026-12-06T22:08:03.123456789Z').sinceTime).toBe(
      '2026-12-06T22:08:03Z',
    );
    expect(decoded('sinceTime=2026-12-06T23:08:03%2B01:00').sinceTime).toBe(
      '2026-12-06T22:08:03Z',
    );
  });

  it('refuses what does not decode (the kubelet: "Unable to decode query.")', () => {
    for (const search of [
      'tailLines=ten',
      'tail=-',
      'limitBytes=1.5',
      'sinceSeconds=',
      'sinceSeconds=9223372036854775808',
      'sinceTime=yesterday',
    ]) {
      expect(query(search)).toBeUndefined();
    }
    expect(decoded('sinceSeconds=-9223372036854775808').sinceSeconds).toBe(
      '-9223372036854775808',
    );
  });
});
