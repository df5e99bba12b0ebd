import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Paths of the key material of one virtual control plane. */
export interface PlaneCertificates {
  dir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  adminCert: string;
  adminKey: string;
  saKey: string;
  saPub: string;
}

function openssl(dir: string, args: string[]) {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/**
 * Creates (once) a CA, a serving certificate for the given IP addresses and DNS
 * names, an admin client certificate (O=system:masters) and a service-account key
 * pair, with the openssl command line tool.
 */
export function ensureCertificates(
  dir: string,
  sans: { ips: string[]; dns: string[] },
): PlaneCertificates {
  mkdirSync(dir, { recursive: true });
  const paths: PlaneCertificates = {
    dir,
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    adminCert: join(dir, 'admin.crt'),
    adminKey: join(dir, 'admin.key'),
    saKey: join(dir, 'sa.key'),
    saPub: join(dir, 'sa.pub'),
  };
  if (existsSync(paths.adminCert)) return paths;
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '365',
    '-subj',
    '/CN=vcluster-ca',
  ]);
  const altNames = [
    ...sans.ips.map(ip => `IP:${ip}`),
    ...sans.dns.map(d => `DNS:${d}`),
  ].join(',');
  writeFileSync(
    join(dir, 'server.cnf'),
    `[req]\ndistinguished_name = dn\n[dn]\n[ext]\nsubjectAltName = ${altNames}\nextendedKeyUsage = serverAuth\n`,
  );
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=vcluster-apiserver',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '365',
    '-extfile',
    'server.cnf',
    '-extensions',
    'ext',
  ]);
  writeFileSync(join(dir, 'client.cnf'), 'extendedKeyUsage = clientAuth\n');
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'admin.key',
    '-out',
    'admin.csr',
    '-subj',
    '/O=system:masters/CN=vcluster-admin',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'admin.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'admin.crt',
    '-days',
    '365',
    '-extfile',
    'client.cnf',
  ]);
  openssl(dir, ['genrsa', '-out', 'sa.key', '2048']);
  openssl(dir, ['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
  return paths;
}
