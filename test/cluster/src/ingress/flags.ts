/**
 * The flags of ingress-nginx's controller that the plane's controller honours, parsed
 * as Go's flag package does (`--name`, `-name`, `--name=value`, `--name value` for a
 * non-boolean flag). Names and defaults follow kubernetes/ingress-nginx
 * docs/user-guide/cli-arguments.md (controller-v1.15.0).
 */
export interface IngressNginxFlags {
  controllerClass: string;
  ingressClass: string;
  ingressClassByName: boolean;
  watchIngressWithoutClass: boolean;
  enableSslPassthrough: boolean;
  publishStatusAddress: string[];
  statusUpdateIntervalSeconds: number;
  httpPort: number;
  httpsPort: number;
  sslPassthroughProxyPort: number;
}

const BOOLEAN = new Set([
  'enable-ssl-passthrough',
  'ingress-class-by-name',
  'watch-ingress-without-class',
]);

/** Flags by name; a boolean flag without a value is `true`. */
export function parseGoFlags(args: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const match = /^--?([a-z0-9-]+)(?:=(.*))?$/.exec(args[i]);
    if (!match) continue;
    const [, name, value] = match;
    if (value !== undefined) flags.set(name, value);
    else if (BOOLEAN.has(name)) flags.set(name, 'true');
    else if (i + 1 < args.length) flags.set(name, args[++i]);
  }
  return flags;
}

/** The controller's flags with upstream's defaults. */
export function readIngressNginxFlags(args: string[]): IngressNginxFlags {
  const flags = parseGoFlags(args);
  const bool = (name: string) => flags.get(name) === 'true';
  const int = (name: string, fallback: number) => {
    const value = Number(flags.get(name) ?? fallback);
    if (!Number.isInteger(value)) throw new Error(`invalid --${name}`);
    return value;
  };
  return {
    controllerClass: flags.get('controller-class') ?? 'k8s.io/ingress-nginx',
    ingressClass: flags.get('ingress-class') ?? 'nginx',
    ingressClassByName: bool('ingress-class-by-name'),
    watchIngressWithoutClass: bool('watch-ingress-without-class'),
    enableSslPassthrough: bool('enable-ssl-passthrough'),
    publishStatusAddress: (flags.get('publish-status-address') ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean),
    statusUpdateIntervalSeconds: int('status-update-interval', 60),
    httpPort: int('http-port', 80),
    httpsPort: int('https-port', 443),
    sslPassthroughProxyPort: int('ssl-passthrough-proxy-port', 442),
  };
}
