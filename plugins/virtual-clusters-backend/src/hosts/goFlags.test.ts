import { isGoTrue, parseGoFlags } from './goFlags';

describe('parseGoFlags', () => {
  const parse = (argv: string[]) =>
    Object.fromEntries(parseGoFlags(argv, ['controller-class']));

  it('reads --name, -name and --name=value, skipping what is not a flag', () => {
    expect(
      parse([
        '/nginx-ingress-controller',
        '--enable-ssl-passthrough',
        '-watch-ingress-without-class',
        '--election-id=ingress-nginx-leader',
        '-v=2',
        'positional',
      ]),
    ).toEqual({
      'enable-ssl-passthrough': 'true',
      'watch-ingress-without-class': 'true',
      'election-id': 'ingress-nginx-leader',
      v: '2',
    });
  });

  it('takes the next argument as the value of a string flag only', () => {
    expect(
      parse(['--controller-class', 'example.com/a', '--enable-metrics', 'x']),
    ).toEqual({
      'controller-class': 'example.com/a',
      'enable-metrics': 'true',
    });
    // a boolean flag the parser does not know cannot swallow the next flag
    expect(parse(['--enable-metrics', '--enable-ssl-passthrough'])).toEqual({
      'enable-metrics': 'true',
      'enable-ssl-passthrough': 'true',
    });
    // like Go, a string flag takes the next argument whatever it looks like
    expect(parse(['--controller-class', '--x'])).toEqual({
      'controller-class': '--x',
    });
    expect(parse(['--controller-class'])).toEqual({
      'controller-class': 'true',
    });
  });

  it('keeps the last value, an empty one and one with = in it', () => {
    expect(
      parse([
        '--enable-ssl-passthrough',
        '--enable-ssl-passthrough=false',
        '--annotations-prefix=',
        '--configmap=a=b',
      ]),
    ).toEqual({
      'enable-ssl-passthrough': 'false',
      'annotations-prefix': '',
      configmap: 'a=b',
    });
  });

  it('reads past the -- of a wrapper and ignores what is not a flag name', () => {
    expect(
      parse([
        '/usr/bin/dumb-init',
        '--',
        '/nginx-ingress-controller',
        '--enable-ssl-passthrough',
        '-',
        '---triple',
        '--=value',
      ]),
    ).toEqual({ 'enable-ssl-passthrough': 'true' });
  });
});

describe('isGoTrue', () => {
  it('reads booleans as strconv.ParseBool does', () => {
    for (const value of ['true', '1', 't', 'T', 'TRUE', 'True']) {
      expect(isGoTrue(value)).toBe(true);
    }
    for (const value of [undefined, '', 'false', '0', 'f', 'yes', 'tRUE']) {
      expect(isGoTrue(value)).toBe(false);
    }
  });
});
