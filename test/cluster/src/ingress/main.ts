import {
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { HostNetwork } from '../standin/network.ts';
import { readIngressNginxFlags } from './flags.ts';
import { IngressNginxController } from './IngressNginxController.ts';

/**
 * Entry point of one plane ingress controller:
 *
 *   node main.ts --name N --state DIR --kubeconfig FILE --address IP --nginx BIN
 *     --stream-module SO -- <ingress-nginx controller flags>
 *
 * Before the `--` are the plane's settings, after it the flags of ingress-nginx's
 * `/nginx-ingress-controller`, which are also written, as the pod's args, into the
 * objects ingress-nginx's Helm chart installs (charts/ingress-nginx, controller-v1.15.0):
 * the IngressClass and the controller Deployment in namespace ingress-nginx, so that
 * what a cluster admin (or the backend's readiness check) reads on the host is how
 * this controller runs.
 */
async function main() {
  const split = process.argv.indexOf('--');
  const own = process.argv.slice(2, split < 0 ? undefined : split);
  const controllerArgs = split < 0 ? [] : process.argv.slice(split + 1);
  const opt = (name: string) => {
    const i = own.indexOf(`--${name}`);
    if (i < 0 || i + 1 >= own.length) throw new Error(`--${name} is required`);
    return own[i + 1];
  };
  const name = opt('name');
  const stateDir = opt('state');
  const flags = readIngressNginxFlags(controllerArgs);
  const host = new KubeConfig();
  host.loadFromFile(opt('kubeconfig'));

  await installChartObjects(host, name, flags.ingressClass, {
    controllerClass: flags.controllerClass,
    args: controllerArgs,
  });
  const controller = new IngressNginxController(host, flags, {
    name,
    address: opt('address'),
    stateDir,
    nginxBinary: opt('nginx'),
    streamModule: opt('stream-module'),
    network: new HostNetwork(stateDir),
  });
  const stop = () =>
    controller.stop().finally(() => {
      process.exit(0);
    });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await controller.start();
}

/** The IngressClass and controller Deployment, applied server-side. */
async function installChartObjects(
  host: KubeConfig,
  name: string,
  ingressClass: string,
  controller: { controllerClass: string; args: string[] },
) {
  const labels = {
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/component': 'controller',
  };
  const objects: KubernetesObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'ingress-nginx' },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: ingressClass, labels },
      spec: { controller: controller.controllerClass },
    } as KubernetesObject,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: `${name}-controller`,
        namespace: 'ingress-nginx',
        labels,
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            // placed on the plane's fake node, which kwok runs
            nodeName: 'kwok-node-0',
            containers: [
              {
                name: 'controller',
                image: 'registry.k8s.io/ingress-nginx/controller:v1.15.0',
                args: ['/nginx-ingress-controller', ...controller.args],
                ports: [
                  { name: 'http', containerPort: 80 },
                  { name: 'https', containerPort: 443 },
                ],
              },
            ],
          },
        },
      },
    } as KubernetesObject,
  ];
  const api = KubernetesObjectApi.makeApiClient(host);
  for (const object of objects) {
    await api.patch(
      object,
      undefined,
      undefined,
      'plane-ingress-nginx',
      true,
      PatchStrategy.ServerSideApply,
    );
  }
}

main().catch(error => {
  process.stderr.write(`[ingress-nginx] fatal: ${error?.stack ?? error}\n`);
  process.exit(1);
});
