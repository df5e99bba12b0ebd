import {
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  V1Container,
  V1Pod,
} from '@kubernetes/client-node';
import { HostClusterCheck } from '@virtual-clusters/plugin-virtual-clusters-common';
import { randomBytes } from 'node:crypto';
import { promises as dns } from 'node:dns';
import { setTimeout as delay } from 'node:timers/promises';
import { describeKubernetesError, isNotFound } from '../kubernetes/errors';
import { isGoTrue, parseGoFlags } from './goFlags';

/** The label of ingress-nginx's pods and Services in its official chart and manifests. */
export const INGRESS_NGINX_SELECTOR = 'app.kubernetes.io/name=ingress-nginx';

/** The controller class ingress-nginx serves when started without `--controller-class`. */
const DEFAULT_CONTROLLER_CLASS = 'k8s.io/ingress-nginx';

/** The string flag of ingress-nginx this check reads; it may be given as `--name value`. */
const STRING_FLAGS = ['controller-class'];

const PASSTHROUGH_FLAG = 'enable-ssl-passthrough';
const PASSTHROUGH_FIX = `add --${PASSTHROUGH_FLAG} to the controller's args (Helm chart: controller.extraArgs.${PASSTHROUGH_FLAG}=true)`;

/** What the Ingress exposure of a host cluster is checked against. */
export interface IngressExposureCheckOptions {
  /** The IngressClass the Ingress objects of virtual clusters name. */
  ingressClassName: string;
  /** The domain under which virtual clusters get their host names, without `*.`. */
  wildcardDomain: string;
  /** Longest wait for the DNS lookup, in milliseconds (default 5 s). */
  dnsTimeoutMs?: number;
}

/** An ingress-nginx controller pod serving the checked IngressClass. */
interface ControllerPod {
  namespace: string;
  name: string;
  passthrough: boolean;
}

/**
 * The readiness checks of a host cluster that exposes virtual clusters through Ingress:
 *
 * - `ingress-class`: the IngressClass exists;
 * - `ssl-passthrough`: the ingress-nginx controller of that class runs with
 *   `--enable-ssl-passthrough`, without which TLS to a virtual cluster would end at the
 *   controller (skipped when the IngressClass is missing);
 * - `wildcard-dns`: a random name under the wildcard domain resolves through the system
 *   resolver, like the backend's own connections to virtual clusters.
 */
export class IngressExposureCheck {
  readonly #kubeConfig: KubeConfig;
  readonly #options: IngressExposureCheckOptions;

  /**
   * @param kubeConfig - access to the host cluster; it needs get on IngressClasses and
   *   list on Pods and Services in all namespaces
   */
  static create(kubeConfig: KubeConfig, options: IngressExposureCheckOptions) {
    return new IngressExposureCheck(kubeConfig, options);
  }

  private constructor(
    kubeConfig: KubeConfig,
    options: IngressExposureCheckOptions,
  ) {
    this.#kubeConfig = kubeConfig;
    this.#options = options;
  }

  /** Runs the checks; never throws, a failure is a check that is not ok. */
  async run(): Promise<HostClusterCheck[]> {
    const lookup = this.#lookupWildcard();
    const checks: HostClusterCheck[] = [];
    const ingressClass = await this.#checkIngressClass();
    checks.push(ingressClass.check);
    let controllers: ControllerPod[] = [];
    if (ingressClass.controller !== undefined) {
      const passthrough = await this.#checkPassthrough(ingressClass.controller);
      checks.push(passthrough.check);
      controllers = passthrough.controllers;
    }
    checks.push(await this.#checkWildcardDns(await lookup, controllers));
    return checks;
  }

  async #checkIngressClass(): Promise<{
    check: HostClusterCheck;
    controller?: string;
  }> {
    const { ingressClassName } = this.#options;
    const name = 'ingress-class';
    try {
      const found = await this.#kubeConfig
        .makeApiClient(NetworkingV1Api)
        .readIngressClass({ name: ingressClassName });
      const controller = found.spec?.controller ?? '';
      return {
        check: {
          name,
          ok: true,
          message: `IngressClass ${ingressClassName} present (controller ${
            controller || 'not set'
          })`,
        },
        controller,
      };
    } catch (error) {
      return {
        check: {
          name,
          ok: false,
          message: isNotFound(error)
            ? `IngressClass ${ingressClassName} not found: install the NGINX Ingress Controller (ingress-nginx) started with --${PASSTHROUGH_FLAG}, or set exposure.ingressClassName of this host`
            : `IngressClass ${ingressClassName} could not be read (${describeKubernetesError(
                error,
              )}): allow the backend to get ingressclasses.networking.k8s.io`,
        },
      };
    }
  }

  // The rule follows ingress-nginx controller-v1.15.0: internal/ingress/controller/nginx.go
  // honours the ssl-passthrough annotation only when cfg.EnableSSLPassthrough is set.
  async #checkPassthrough(
    controller: string,
  ): Promise<{ check: HostClusterCheck; controllers: ControllerPod[] }> {
    const { ingressClassName } = this.#options;
    const name = 'ssl-passthrough';
    let pods: V1Pod[];
    try {
      pods = (
        await this.#kubeConfig
          .makeApiClient(CoreV1Api)
          .listPodForAllNamespaces({ labelSelector: INGRESS_NGINX_SELECTOR })
      ).items;
    } catch (error) {
      return {
        check: {
          name,
          ok: false,
          message: `Ingress controller pods could not be listed (${describeKubernetesError(
            error,
          )}), so SSL passthrough cannot be verified: allow the backend to list pods in all namespaces`,
        },
        controllers: [],
      };
    }
    const controllers = pods.flatMap(pod => {
      const found = controllerPod(pod, controller);
      return found ? [found] : [];
    });
    const names = (list: ControllerPod[]) =>
      list.map(p => `${p.namespace}/${p.name}`).join(', ');
    if (controllers.length === 0) {
      return {
        check: {
          name,
          ok: false,
          message: `No ingress-nginx controller pod for IngressClass ${ingressClassName} (controller ${controller}) found by label ${INGRESS_NGINX_SELECTOR}, so SSL passthrough cannot be verified: run ingress-nginx with --controller-class=${controller} and --${PASSTHROUGH_FLAG}, or set exposure.ingressClassName of this host to the class it serves`,
        },
        controllers,
      };
    }
    const off = controllers.filter(p => !p.passthrough);
    return {
      check: {
        name,
        ok: off.length === 0,
        message:
          off.length === 0
            ? `SSL passthrough enabled in ingress-nginx controller ${names(
                controllers,
              )}`
            : `SSL passthrough is off in ingress-nginx controller ${names(
                off,
              )}: TLS to virtual clusters would end at the controller's own certificate and kubectl would refuse it; ${PASSTHROUGH_FIX}`,
      },
      controllers,
    };
  }

  /** Resolves a fresh name under the wildcard domain; the result names the outcome. */
  async #lookupWildcard(): Promise<{ address?: string; error?: string }> {
    const { wildcardDomain, dnsTimeoutMs = 5_000 } = this.#options;
    if (!wildcardDomain) return { error: 'no wildcard domain' };
    const host = `vc-readiness-${randomBytes(4).toString(
      'hex',
    )}.${wildcardDomain}`;
    const cancel = new AbortController();
    const timeout = delay(dnsTimeoutMs, undefined, {
      signal: cancel.signal,
    }).then((): never => {
      throw Object.assign(new Error('timeout'), {
        code: `ETIMEOUT, no answer within ${dnsTimeoutMs / 1000} s`,
      });
    });
    try {
      const { address } = await Promise.race([dns.lookup(host), timeout]);
      return { address };
    } catch (error) {
      const e = error as { code?: string; message?: string };
      return { error: e?.code ?? e?.message ?? String(error) };
    } finally {
      cancel.abort();
    }
  }

  async #checkWildcardDns(
    lookup: { address?: string; error?: string },
    controllers: ControllerPod[],
  ): Promise<HostClusterCheck> {
    const { wildcardDomain } = this.#options;
    const name = 'wildcard-dns';
    if (!wildcardDomain) {
      return {
        name,
        ok: false,
        message:
          'No wildcard domain configured: set exposure.wildcardDomain of this host',
      };
    }
    if (lookup.address) {
      return {
        name,
        ok: true,
        message: `*.${wildcardDomain} resolves (${lookup.address})`,
      };
    }
    const addresses = await this.#externalAddresses(controllers);
    return {
      name,
      ok: false,
      message: `No DNS record for *.${wildcardDomain} (${
        lookup.error
      }): create a wildcard record *.${wildcardDomain} pointing at the ingress controller's external address${
        addresses.length ? ` ${addresses.join(', ')}` : ''
      }`,
    };
  }

  /** The addresses of the controllers' LoadBalancer Services; none if unknown. */
  async #externalAddresses(controllers: ControllerPod[]): Promise<string[]> {
    const core = this.#kubeConfig.makeApiClient(CoreV1Api);
    const namespaces = [...new Set(controllers.map(p => p.namespace))];
    const addresses = await Promise.all(
      namespaces.map(async namespace => {
        try {
          const services = await core.listNamespacedService({
            namespace,
            labelSelector: INGRESS_NGINX_SELECTOR,
          });
          return services.items
            .filter(s => s.spec?.type === 'LoadBalancer')
            .flatMap(s => s.status?.loadBalancer?.ingress ?? [])
            .map(i => i.ip ?? i.hostname)
            .filter((a): a is string => Boolean(a));
        } catch {
          // only a hint for the message
          return [];
        }
      }),
    );
    return [...new Set(addresses.flat())];
  }
}

/**
 * The pod as a controller of the given class, if one of its containers is. Pods being
 * deleted or finished serve nothing and are left out.
 */
function controllerPod(
  pod: V1Pod,
  controller: string,
): ControllerPod | undefined {
  const phase = pod.status?.phase;
  if (pod.metadata?.deletionTimestamp) return undefined;
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const flags = (pod.spec?.containers ?? [])
    .flatMap(c => controllerFlags(c) ?? [])
    .filter(
      f =>
        (f.get('controller-class') ?? DEFAULT_CONTROLLER_CLASS) === controller,
    );
  if (flags.length === 0) return undefined;
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    passthrough: flags.some(f => isGoTrue(f.get(PASSTHROUGH_FLAG))),
  };
}

/**
 * The flags of a container that runs the ingress-nginx controller, by its program or its
 * image; the chart's default backend and admission jobs share the controller's label.
 */
function controllerFlags(
  container: V1Container,
): Map<string, string> | undefined {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const isController =
    argv.some(a => /(^|\/)nginx-ingress-controller$/.test(a)) ||
    /(^|\/)ingress-nginx\/controller(-chroot)?([:@]|$)/.test(
      container.image ?? '',
    );
  return isController ? parseGoFlags(argv, STRING_FLAGS) : undefined;
}
