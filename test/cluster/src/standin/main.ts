import { KubeConfig } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterApiCore } from './ClusterApiCore.ts';
import { ClusterApiProviderVCluster } from './ClusterApiProviderVCluster.ts';
import { ContainerRuntime } from './ContainerRuntime.ts';
import { LoadBalancerController } from './LoadBalancerController.ts';
import { HostNetwork } from './network.ts';
import { VClusterRuntime } from './VClusterRuntime.ts';

/**
 * Entry point: `node main.ts --state <dir>`; runs until stopped. Each pass lists what it
 * acts on (a stand-in for the watches of the real controllers, every second).
 * STANDIN_REQUEUE_NOT_READY_MS / STANDIN_REQUEUE_HEALTHY_MS set the provider's requeue
 * delays (upstream: 5 s and 1 min); STANDIN_DEPLOY_RETRY_MS the deploy controller's retry
 * of a failed helm pass (upstream: 10 s).
 */
async function main() {
  const stateIndex = process.argv.indexOf('--state');
  const stateDir =
    stateIndex > 0
      ? process.argv[stateIndex + 1]
      : '/tmp/virtual-clusters-plane';
  const plane = JSON.parse(readFileSync(join(stateDir, 'plane.json'), 'utf8'));
  const env = {
    binDir: plane.binDir,
    stateDir,
    etcdUrl: plane.etcd,
    kwokConfig: join(stateDir, 'kwok.yaml'),
  };
  const delay = (name: string, fallback: number) =>
    Math.max(100, Number(process.env[name] ?? fallback));
  const requeue = {
    notReadyMs: delay('STANDIN_REQUEUE_NOT_READY_MS', 5_000),
    healthyMs: delay('STANDIN_REQUEUE_HEALTHY_MS', 60_000),
  };
  const deployRetryMs = delay('STANDIN_DEPLOY_RETRY_MS', 10_000);
  const hosts: Array<{ name: string; keyPrefix?: string; kubeconfig: string }> =
    plane.hosts ?? [{ name: '', kubeconfig: plane.kubeconfig }];
  // each host cluster gets its own controllers; they share the loopback address table
  const controllers = hosts.flatMap(h => {
    const host = new KubeConfig();
    host.loadFromFile(h.kubeconfig);
    const network = new HostNetwork(stateDir, h.keyPrefix ?? '');
    const containers = new ContainerRuntime(host, {
      stateDir,
      hostName: h.name,
    });
    return [
      new LoadBalancerController(host, network),
      new ClusterApiCore(host),
      new ClusterApiProviderVCluster(host, network, requeue),
      new VClusterRuntime(
        host,
        env,
        network,
        { name: h.name, keyPrefix: h.keyPrefix ?? '' },
        { deployRetryMs, containers },
      ),
      containers,
    ];
  });
  let stopping = false;
  process.on('SIGTERM', () => {
    stopping = true;
  });
  let failures = 0;
  while (!stopping) {
    try {
      for (const controller of controllers) await controller.reconcileAll();
      failures = 0;
    } catch (error) {
      failures++;
      process.stdout.write(
        `[standin] host API unavailable (${failures}): ${error}\n`,
      );
    }
    // back off while the host API is away
    const wait = Math.min(1000 * 2 ** Math.min(failures, 4), 15000);
    await new Promise(r => setTimeout(r, wait));
  }
  for (const controller of controllers) {
    if (
      controller instanceof VClusterRuntime ||
      controller instanceof ContainerRuntime
    )
      controller.shutdown();
  }
}

main().catch(error => {
  process.stderr.write(`[standin] fatal: ${error?.stack ?? error}\n`);
  process.exit(1);
});
