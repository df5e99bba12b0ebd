import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
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
  /** The API server's client certificate towards kubelets (`--kubelet-client-certificate`). */
  kubeletClientCert: string;
  kubeletClientKey: string;
}

function openssl(dir: string, args: string[]) {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/**
 * Creates (once) a CA, an admin client certificate (O=system:masters) and a
 * service-account key pair, with the openssl command line tool. The serving
 * certificate comes from {@link ensureServingCertificate}.
 */
export function ensureCertificates(dir: string): PlaneCertificates {
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
    kubeletClientCert: join(dir, 'apiserver-kubelet-client.crt'),
    kubeletClientKey: join(dir, 'apiserver-kubelet-client.key'),
  };
  if (existsSync(paths.adminCert)) {
    ensureKubeletClientCertificate(dir);
    return paths;
  }
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
  issueClientCertificate(dir, 'admin', '/O=system:masters/CN=vcluster-admin');
  openssl(dir, ['genrsa', '-out', 'sa.key', '2048']);
  openssl(dir, ['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
  ensureKubeletClientCertificate(dir);
  return paths;
}

/**
 * The API server's client certificate for its calls to kubelets (pods/log), once:
 * `apiserver-kubelet-client`, CN `kube-apiserver-kubelet-client`, O `system:masters`
 * (loft-sh/vcluster v0.32.3 pkg/certs/constants.go), signed by the cluster's CA, so
 * the fake kubelet authenticates the API server as vcluster's does.
 */
function ensureKubeletClientCertificate(dir: string) {
  if (existsSync(join(dir, 'apiserver-kubelet-client.crt'))) return;
  issueClientCertificate(
    dir,
    'apiserver-kubelet-client',
    '/O=system:masters/CN=kube-apiserver-kubelet-client',
  );
}

/** A client certificate `<name>.crt` / `<name>.key` of `subject`, signed by the cluster's CA. */
function issueClientCertificate(dir: string, name: string, subject: string) {
  writeFileSync(join(dir, 'client.cnf'), 'extendedKeyUsage = clientAuth\n');
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '365',
    '-extfile',
    'client.cnf',
  ]);
}

/** Subject alternative names of a serving certificate. */
export interface SubjectAltNames {
  ips: string[];
  dns: string[];
}

/**
 * Issues the serving certificate again when it lacks one of the wanted names, as
 * vcluster's cert syncer does (loft-sh/vcluster pkg/server/cert/syncer.go at v0.32.3:
 * a superset check every ~2 s; a name that is no longer wanted does not cause a new
 * certificate). kube-apiserver reloads a changed --tls-cert-file by itself. Returns
 * whether a new certificate was written.
 */
export function ensureServingCertificate(
  certs: PlaneCertificates,
  wanted: SubjectAltNames,
): boolean {
  const { dir } = certs;
  const sansFile = join(dir, 'server.sans.json');
  const current: SubjectAltNames = existsSync(sansFile)
    ? JSON.parse(readFileSync(sansFile, 'utf8'))
    : { ips: [], dns: [] };
  const lower = (l: string[]) => new Set(l.map(x => x.toLowerCase()));
  const haveIps = lower(current.ips);
  const haveDns = lower(current.dns);
  const missing =
    wanted.ips.some(ip => !haveIps.has(ip.toLowerCase())) ||
    wanted.dns.some(d => !haveDns.has(d.toLowerCase()));
  if (existsSync(certs.serverCert) && !missing) return false;
  const sans: SubjectAltNames = {
    ips: [...new Set([...current.ips, ...wanted.ips])].sort(),
    dns: [
      ...new Set([...current.dns, ...wanted.dns].map(d => d.toLowerCase())),
    ].sort(),
  };
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
    'server.key.new',
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
    'server.crt.new',
    '-days',
    '365',
    '-extfile',
    'server.cnf',
    '-extensions',
    'ext',
  ]);
  // the key first, then the certificate: the API server reloads when the pair matches
  renameSync(join(dir, 'server.key.new'), certs.serverKey);
  renameSync(join(dir, 'server.crt.new'), certs.serverCert);
  writeFileSync(sansFile, JSON.stringify(sans));
  return true;
}
