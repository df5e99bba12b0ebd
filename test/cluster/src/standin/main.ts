import { KubeConfig } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VClusterStandIn } from './VClusterStandIn.ts';

/** Entry point: `node main.ts --state <dir>`; runs until stopped. */
async function main() {
  const stateIndex = process.argv.indexOf('--state');
  const stateDir =
    stateIndex > 0
      ? process.argv[stateIndex + 1]
      : '/tmp/virtual-clusters-plane';
  const plane = JSON.parse(readFileSync(join(stateDir, 'plane.json'), 'utf8'));
  const host = new KubeConfig();
  host.loadFromFile(plane.kubeconfig);
  const standIn = new VClusterStandIn(host, {
    binDir: plane.binDir,
    stateDir,
    etcdUrl: plane.etcd,
    kwokConfig: join(stateDir, 'kwok.yaml'),
  });
  let stopping = false;
  process.on('SIGTERM', () => {
    stopping = true;
  });
  let failures = 0;
  while (!stopping) {
    try {
      await standIn.reconcileAll();
      failures = 0;
    } catch (error) {
      failures++;
      process.stdout.write(
        `[standin] host API unavailable (${failures}): ${error}\n`,
      );
    }
    // back off while the host API is away
    const delay = Math.min(1000 * 2 ** Math.min(failures, 4), 15000);
    await new Promise(r => setTimeout(r, delay));
  }
}

main().catch(error => {
  process.stderr.write(`[standin] fatal: ${error?.stack ?? error}\n`);
  process.exit(1);
});
