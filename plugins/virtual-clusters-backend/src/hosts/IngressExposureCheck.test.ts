import {
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
  V1Pod,
} from '@kubernetes/client-node';
import { bindClusterRole, removeClusterRole } from '../__testUtils__/rbac';
import {
  eventually,
  getTestPlane,
  TestPlane,
} from '@virtual-clusters/test-cluster';
import { randomBytes } from 'node:crypto';
import { IngressExposureCheck } from './IngressExposureCheck';

/**
 * The checks against the real host API server of the local control plane, with
 * IngressClasses and controller Pods of their own (kwok runs no container: only the
 * objects count). Names are unique per run, so the plane's own ingress-nginx objects
 * and other tests stay out of the way.
 */
const RUN = randomBytes(3).toString('hex');
const NS = `readiness-${RUN}`;
const IMAGE = 'registry.k8s.io/ingress-nginx/controller:v1.12.0';
const DOMAIN = `${RUN}.readiness.invalid`;
const LABELS = {
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/component': 'controller',
};

const className = (kind: string) => `readiness-${RUN}-${kind}`;
const controllerOf = (kind: string) => `example.com/readiness-${RUN}-${kind}`;

const controllerPod = (
  name: string,
  args: string[],
  extra: { finalizers?: string[] } = {},
): V1Pod => ({
  metadata: { name, namespace: NS, labels: LABELS, ...extra },
  spec: {
    nodeName: 'kwok-node-0',
    containers: [
      {
        name: 'controller',
        image: IMAGE,
        args: ['/nginx-ingress-controller', '--election-id=leader', ...args],
      },
    ],
  },
});

describe('IngressExposureCheck on the local control plane', () => {
  let plane: TestPlane;
  let core: CoreV1Api;
  let networking: NetworkingV1Api;
  const classes = ['none', 'off', 'on', 'false', 'lb'];
  const check = (
    ingressClassName: string,
    kubeConfig: KubeConfig = plane.hostKubeConfig,
  ) =>
    IngressExposureCheck.create(kubeConfig, {
      ingressClassName,
      wildcardDomain: DOMAIN,
    }).run();
  const byName = (checks: Awaited<ReturnType<typeof check>>) =>
    Object.fromEntries(checks.map(c => [c.name, c]));

  beforeAll(async () => {
    plane = await getTestPlane();
    core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    networking = plane.hostKubeConfig.makeApiClient(NetworkingV1Api);
    await core.createNamespace({ body: { metadata: { name: NS } } });
    for (const kind of classes) {
      await networking.createIngressClass({
        body: {
          metadata: { name: className(kind) },
          spec: { controller: controllerOf(kind) },
        },
      });
    }
    const pods = [
      controllerPod('off', [`--controller-class=${controllerOf('off')}`]),
      // `--name value` for the string flag
      controllerPod('on-bare', [
        '--controller-class',
        controllerOf('on'),
        '--enable-ssl-passthrough',
      ]),
      controllerPod('on-true', [
        `--controller-class=${controllerOf('on')}`,
        '--enable-ssl-passthrough=true',
      ]),
      // being deleted (a finalizer holds it): serves nothing, so it does not count
      controllerPod(
        'on-leaving',
        [`--controller-class=${controllerOf('on')}`],
        {
          finalizers: ['example.com/hold'],
        },
      ),
      controllerPod('false', [
        `--controller-class=${controllerOf('false')}`,
        '--enable-ssl-passthrough=false',
      ]),
      controllerPod('lb', [`--controller-class=${controllerOf('lb')}`]),
    ];
    for (const body of pods) {
      await core.createNamespacedPod({ namespace: NS, body });
    }
    await core.deleteNamespacedPod({ namespace: NS, name: 'on-leaving' });
    // the plane's LoadBalancer provider gives it an address
    await core.createNamespacedService({
      namespace: NS,
      body: {
        metadata: { name: 'ingress-nginx-controller', labels: LABELS },
        spec: {
          type: 'LoadBalancer',
          selector: LABELS,
          ports: [{ name: 'https', port: 443 }],
        },
      },
    });
  });

  afterAll(async () => {
    await core
      ?.patchNamespacedPod(
        {
          namespace: NS,
          name: 'on-leaving',
          body: { metadata: { finalizers: null } },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      )
      .catch(() => undefined);
    await core?.deleteNamespace({ name: NS }).catch(() => undefined);
    for (const kind of classes) {
      await networking
        ?.deleteIngressClass({ name: className(kind) })
        .catch(() => undefined);
    }
  });

  it('reports a missing IngressClass and skips the passthrough check', async () => {
    const missing = className('missing');
    const checks = await check(missing);
    expect(checks.map(c => c.name)).toEqual(['ingress-class', 'wildcard-dns']);
    expect(checks[0]).toEqual({
      name: 'ingress-class',
      ok: false,
      message: `IngressClass ${missing} not found: install the NGINX Ingress Controller (ingress-nginx) started with --enable-ssl-passthrough, or set exposure.ingressClassName of this host`,
    });
  });

  it('cannot verify passthrough without a controller pod of the class', async () => {
    const checks = await check(className('none'));
    expect(checks.map(c => c.name)).toEqual([
      'ingress-class',
      'ssl-passthrough',
      'wildcard-dns',
    ]);
    const { 'ingress-class': found, 'ssl-passthrough': passthrough } =
      byName(checks);
    expect(found).toEqual({
      name: 'ingress-class',
      ok: true,
      message: `IngressClass ${className(
        'none',
      )} present (controller ${controllerOf('none')})`,
    });
    expect(passthrough.ok).toBe(false);
    expect(passthrough.message).toBe(
      `No ingress-nginx controller pod for IngressClass ${className(
        'none',
      )} (controller ${controllerOf(
        'none',
      )}) found by label app.kubernetes.io/name=ingress-nginx, so SSL passthrough cannot be verified: run ingress-nginx with --controller-class=${controllerOf(
        'none',
      )} and --enable-ssl-passthrough, or set exposure.ingressClassName of this host to the class it serves`,
    );
  });

  it('names the controller pod that runs without --enable-ssl-passthrough', async () => {
    const passthrough = byName(await check(className('off')))[
      'ssl-passthrough'
    ];
    expect(passthrough.ok).toBe(false);
    expect(passthrough.message).toBe(
      `SSL passthrough is off in ingress-nginx controller ${NS}/off: TLS to virtual clusters would end at the controller's own certificate and kubectl would refuse it; add --enable-ssl-passthrough to the controller's args (Helm chart: controller.extraArgs.enable-ssl-passthrough=true)`,
    );
  });

  it('counts --enable-ssl-passthrough=false as off', async () => {
    const passthrough = byName(await check(className('false')))[
      'ssl-passthrough'
    ];
    expect(passthrough.ok).toBe(false);
    expect(passthrough.message).toContain(`controller ${NS}/false:`);
  });

  it('is ready when every controller pod of the class has the flag, bare or =true', async () => {
    const passthrough = byName(await check(className('on')))['ssl-passthrough'];
    expect(passthrough).toEqual({
      name: 'ssl-passthrough',
      ok: true,
      message: expect.stringMatching(
        /^SSL passthrough enabled in ingress-nginx controller /,
      ),
    });
    expect(
      passthrough.message.split('controller ')[1].split(', ').sort(),
    ).toEqual([`${NS}/on-bare`, `${NS}/on-true`]);
  });

  it('says what record to create when the wildcard domain does not resolve', async () => {
    // RFC 6761: names under invalid. never resolve
    const dns = byName(await check(className('none')))['wildcard-dns'];
    expect(dns.ok).toBe(false);
    expect(dns.message).toMatch(
      new RegExp(
        `^No DNS record for \\*\\.${DOMAIN.replace(
          /\./g,
          '\\.',
        )} \\([A-Z_]+\\): create a wildcard record \\*\\.${DOMAIN.replace(
          /\./g,
          '\\.',
        )} pointing at the ingress controller's external address$`,
      ),
    );
  });

  it("names the address of the controller's LoadBalancer Service in the DNS hint", async () => {
    const svc = await eventually(
      () =>
        core.readNamespacedService({
          namespace: NS,
          name: 'ingress-nginx-controller',
        }),
      s => Boolean(s.status?.loadBalancer?.ingress?.[0]?.ip),
    );
    const address = svc.status!.loadBalancer!.ingress![0].ip!;
    const dns = byName(await check(className('lb')))['wildcard-dns'];
    expect(dns.ok).toBe(false);
    expect(dns.message).toMatch(
      new RegExp(
        `pointing at the ingress controller's external address ${address.replace(
          /\./g,
          '\\.',
        )}$`,
      ),
    );
  });

  it('describes what the backend may not read', async () => {
    const rbac = plane.hostKubeConfig.makeApiClient(RbacAuthorizationV1Api);
    const clusterRole = `${NS}-ingressclasses`;
    const tokenFor = async (name: string) => {
      await core.createNamespacedServiceAccount({
        namespace: NS,
        body: { metadata: { name } },
      });
      return plane.serviceAccountKubeConfig(NS, name);
    };
    await rbac.createClusterRole({
      body: {
        metadata: { name: clusterRole },
        rules: [
          {
            apiGroups: ['networking.k8s.io'],
            resources: ['ingressclasses'],
            verbs: ['get'],
          },
        ],
      },
    });
    try {
      const nobody = await tokenFor('nobody');
      const classReader = await tokenFor('class-reader');
      await bindClusterRole(rbac, clusterRole, [
        { name: 'class-reader', namespace: NS },
      ]);

      const denied = await check(className('on'), nobody);
      expect(denied.map(c => c.name)).toEqual([
        'ingress-class',
        'wildcard-dns',
      ]);
      expect(denied[0].ok).toBe(false);
      expect(denied[0].message).toMatch(
        new RegExp(
          `^IngressClass ${className(
            'on',
          )} could not be read \\(403: .*forbidden.*\\): allow the backend to get ingressclasses\\.networking\\.k8s\\.io$`,
        ),
      );

      // the RBAC authorizer sees the new binding through its informer, a moment later
      const passthrough = await eventually(
        async () => byName(await check(className('on'), classReader)),
        c => c['ingress-class'].ok,
        { timeoutMs: 10_000 },
      );
      expect(passthrough['ssl-passthrough'].ok).toBe(false);
      expect(passthrough['ssl-passthrough'].message).toMatch(
        /^Ingress controller pods could not be listed \(403: .*forbidden.*\), so SSL passthrough cannot be verified: allow the backend to list pods in all namespaces$/,
      );
    } finally {
      await removeClusterRole(rbac, clusterRole);
    }
  });
});
