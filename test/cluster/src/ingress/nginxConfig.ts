import type { IngressNginxFlags } from './flags.ts';

/** A host name passed through by SNI to `upstream` (`ip:port`, the Service's cluster IP). */
export interface PassthroughServer {
  hostname: string;
  upstream: string;
}

/** A host name whose TLS ends at NGINX (its default certificate) and is proxied on. */
export interface TerminatedServer {
  hostname: string;
  upstream: string;
  /** `nginx.ingress.kubernetes.io/backend-protocol`. */
  backendProtocol: 'HTTP' | 'HTTPS';
}

/** Where the NGINX instance keeps its files. */
export interface NginxFiles {
  prefix: string;
  pid: string;
  errorLog: string;
  streamModule: string;
  /** The controller's default ("fake") certificate and key. */
  certificate: string;
  key: string;
}

const HOST_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;

/**
 * nginx.conf for one controller, shaped like ingress-nginx's own (rootfs/etc/nginx/template
 * /nginx.tmpl, controller-v1.15.0) where it matters here: with `--enable-ssl-passthrough`
 * the HTTPS port belongs to a TCP proxy that reads the SNI name and pipes a passthrough
 * host to its backend untouched, and every other name to NGINX's own TLS servers on the
 * passthrough proxy port (upstream's proxy is Go code in the controller, pkg/tcpproxy; here
 * NGINX's stream module with `ssl_preread` does the same). Without the flag, NGINX's TLS
 * servers listen on the HTTPS port themselves, and the annotation has no effect.
 */
export function renderNginxConfig(input: {
  address: string;
  flags: IngressNginxFlags;
  passthrough: PassthroughServer[];
  servers: TerminatedServer[];
  files: NginxFiles;
}): string {
  const { address, flags, files } = input;
  const passthrough = flags.enableSslPassthrough
    ? input.passthrough.filter(s => HOST_NAME.test(s.hostname))
    : [];
  const servers = input.servers.filter(s => HOST_NAME.test(s.hostname));
  const tlsPort = flags.enableSslPassthrough
    ? flags.sslPassthroughProxyPort
    : flags.httpsPort;
  const lines: string[] = [
    '# written by the plane ingress-nginx controller; every sync rewrites it',
    `load_module ${files.streamModule};`,
    'daemon off;',
    'worker_processes 1;',
    `pid ${files.pid};`,
    `error_log ${files.errorLog} notice;`,
    'events { worker_connections 1024; }',
  ];
  if (flags.enableSslPassthrough) {
    lines.push(
      'stream {',
      '  map $ssl_preread_server_name $passthrough_upstream {',
      '    hostnames;',
      ...passthrough.map(s => `    ${s.hostname} ${s.upstream};`),
      `    default ${address}:${flags.sslPassthroughProxyPort};`,
      '  }',
      '  server {',
      `    listen ${address}:${flags.httpsPort};`,
      '    ssl_preread on;',
      '    proxy_pass $passthrough_upstream;',
      '    proxy_connect_timeout 5s;',
      '  }',
      '}',
    );
  }
  const temp = (name: string) => `${files.prefix}/tmp/${name}`;
  lines.push(
    'http {',
    `  client_body_temp_path ${temp('body')};`,
    `  proxy_temp_path ${temp('proxy')};`,
    `  fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')};`,
    `  scgi_temp_path ${temp('scgi')};`,
    '  access_log off;',
    '  server_names_hash_bucket_size 128;',
    `  ssl_certificate ${files.certificate};`,
    `  ssl_certificate_key ${files.key};`,
    '  # the default backend: 404 for any name no Ingress claims',
    '  server {',
    `    listen ${address}:${flags.httpPort} default_server;`,
    `    listen ${address}:${tlsPort} ssl default_server;`,
    '    return 404;',
    '  }',
  );
  for (const s of servers) {
    const scheme = s.backendProtocol === 'HTTPS' ? 'https' : 'http';
    lines.push(
      '  server {',
      `    listen ${address}:${flags.httpPort};`,
      `    listen ${address}:${tlsPort} ssl;`,
      `    server_name ${s.hostname};`,
      `    location / { proxy_pass ${scheme}://${s.upstream}; }`,
      '  }',
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}
