/**
 * Conformance of the VCluster object the backend applies with what the host accepts.
 *
 * The object is the real one (vclusterObject, with renderVClusterValues's values). The
 * expectations are the test's own, written from upstream:
 * - cluster-api-provider-vcluster v0.2.2's CRD, the copy the local plane installs
 *   (test/cluster/manifests/vcluster-crd.yaml). It is structural: server-side apply
 *   refuses a field it does not declare ("field not declared in schema") and other
 *   writes prune it, so every object schema that lists properties is closed here;
 * - the vcluster chart line's values schema (__fixtures__/upstream/
 *   vcluster-values-keys-<line>.yaml): helm refuses undeclared keys;
 * - the chart's defaults (__fixtures__/upstream/vcluster-values-defaults.yaml), which
 *   helm deep-merges under the values; the chart renders a ResourceQuota and a
 *   LimitRange into the HOST namespace, and the host's admission applies them to the
 *   cluster's own Service, data PVC and control-plane pod.
 */
import { testCluster } from '../__testUtils__/records';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import {
  VirtualCluster,
  VirtualClusterDistro,
  VirtualClusterQuota,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { ProvisionTarget } from '@virtual-clusters/plugin-virtual-clusters-node';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_CHART_VERSIONS } from '../config/readVirtualClustersConfig';
import { vclusterObject, VClusterObject } from './ClusterApiProvisioner';

/** Parsed YAML: values, merged values, objects. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Values = Record<string, any>;

// ---------------------------------------------------------------------------------
// The combinations

const NAME = 'team-a';
const WILDCARD_DOMAIN = 'vc.example.com';
/** `<name>.<wildcardDomain>`, written out. */
const INGRESS_HOST = 'team-a.vc.example.com';

const DISTRO_CHARTS: Array<{
  distro: VirtualClusterDistro;
  chart: string;
  kubernetesVersion: string;
}> = [
  { distro: 'k3s', chart: '0.31.3', kubernetesVersion: '1.31' },
  { distro: 'k3s', chart: '0.32.3', kubernetesVersion: '1.33' },
  {
    distro: 'k3s',
    chart: DEFAULT_CHART_VERSIONS.k3s,
    kubernetesVersion: '1.32',
  },
  { distro: 'k8s', chart: '0.32.3', kubernetesVersion: '1.33' },
  { distro: 'k8s', chart: '0.33.4', kubernetesVersion: '1.34' },
  {
    distro: 'k8s',
    chart: DEFAULT_CHART_VERSIONS.k8s,
    kubernetesVersion: '1.32',
  },
];

const EXPOSURES = ['LoadBalancer', 'Ingress'] as const;

const QUOTAS: Array<{ quotaName: string; quota?: VirtualClusterQuota }> = [
  { quotaName: 'no quota' },
  {
    quotaName: 'a quota',
    quota: { cpu: '4', memory: '8Gi', storage: '50Gi', pods: 50 },
  },
  {
    quotaName: 'a quota above the chart limits.*',
    quota: { cpu: '32', memory: '64Gi', storage: '500Gi', pods: 200 },
  },
  { quotaName: 'a pods-only quota', quota: { pods: 30 } },
];

type Row = (typeof DISTRO_CHARTS)[number] & {
  exposure: (typeof EXPOSURES)[number];
} & (typeof QUOTAS)[number];

const ROWS: Row[] = DISTRO_CHARTS.flatMap(distroChart =>
  EXPOSURES.flatMap(exposure =>
    QUOTAS.map(quota => ({ ...distroChart, exposure, ...quota })),
  ),
);

function target(row: {
  distro: VirtualClusterDistro;
  chart: string;
  kubernetesVersion: string;
  exposure: 'LoadBalancer' | 'Ingress';
  quota?: VirtualClusterQuota;
}): ProvisionTarget {
  const cluster: VirtualCluster = testCluster(NAME, {
    spec: {
      distro: row.distro,
      kubernetesVersion: row.kubernetesVersion,
      chartVersion: row.chart,
      exposure:
        row.exposure === 'Ingress'
          ? { type: 'Ingress', ingressClassName: 'nginx' }
          : { type: 'LoadBalancer' },
      ...(row.quota ? { quota: row.quota } : {}),
    },
  });
  return {
    cluster,
    host: {
      name: 'prod',
      kubeConfig: new KubeConfig(),
      exposure: {
        type: row.exposure,
        ingressClassName: 'nginx',
        wildcardDomain: WILDCARD_DOMAIN,
      },
    },
  };
}

// ---------------------------------------------------------------------------------
// 1. The VCluster CRD

type JsonSchema = { [keyword: string]: unknown };

/**
 * The schema as a structural CRD applies it: an object schema that lists properties
 * admits no other field (unless it preserves unknown fields).
 */
function closed(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties as Record<string, JsonSchema>).map(
        ([key, property]) => [key, closed(property)],
      ),
    );
    if (schema['x-kubernetes-preserve-unknown-fields'] !== true) {
      out.additionalProperties = false;
    }
  }
  if (schema.items) out.items = closed(schema.items as JsonSchema);
  if (typeof schema.additionalProperties === 'object') {
    out.additionalProperties = closed(
      schema.additionalProperties as JsonSchema,
    );
  }
  return out;
}

const crd = parse(
  readFileSync(
    resolvePackagePath(
      '@virtual-clusters/test-cluster',
      'manifests/vcluster-crd.yaml',
    ),
    'utf8',
  ),
);
const crdVersion = crd.spec.versions.find(
  (v: { storage: boolean }) => v.storage,
);
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addVocabulary([
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
]);
ajv.addFormat('int32', {
  type: 'number',
  validate: n => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
});
ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
ajv.addFormat('date-time', s => !Number.isNaN(Date.parse(s)));
const validateVCluster = ajv.compile(closed(crdVersion.schema.openAPIV3Schema));

/** What the host's API server refuses in the object, `[]` when it accepts it. */
function crdProblems(object: Values): string[] {
  const problems: string[] = [];
  const apiVersion = `${crd.spec.group}/${crdVersion.name}`;
  const { kind } = crd.spec.names;
  if (object.apiVersion !== apiVersion || object.kind !== kind) {
    problems.push(
      `${object.apiVersion} ${object.kind} is not the CRD's ${apiVersion} ${kind}`,
    );
  }
  if (!validateVCluster(object)) {
    for (const error of validateVCluster.errors ?? []) {
      const field = error.params.additionalProperty;
      problems.push(
        `${error.instancePath || '/'} ${error.message}${
          field ? `: ${field}` : ''
        }`,
      );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------
// 2. The chart line's values keys

/** A key's kind in vcluster-values-keys-<line>.yaml (see its header). */
type Shape = string | { [key: string]: Shape };

const UPSTREAM = resolvePackagePath(
  '@virtual-clusters/plugin-virtual-clusters-backend',
  'src/provisioner/__fixtures__/upstream',
);
const upstream = (file: string) =>
  parse(readFileSync(join(UPSTREAM, file), 'utf8'));

const CHART_LINES = ['0.31', '0.32', '0.33'];
const KEYS: Record<string, Shape> = Object.fromEntries(
  CHART_LINES.map(line => [
    line,
    upstream(`vcluster-values-keys-${line}.yaml`),
  ]),
);
const CHART_DEFAULTS: Values = upstream('vcluster-values-defaults.yaml');

function chartLine(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

const isMap = (value: unknown): value is Values =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the chart line's values schema refuses in `values`, `[]` when nothing. */
function keyProblems(value: unknown, shape: Shape, path = ''): string[] {
  const at = path || '(values)';
  // a null is how values remove a default; helm validates after removing it
  if (value === null || value === undefined || shape === 'any') return [];
  if (typeof shape === 'object') {
    if (!isMap(value)) return [`${at}: an object is expected`];
    return Object.entries(value).flatMap(([key, child]) => {
      const childPath = path ? `${path}.${key}` : key;
      return key in shape
        ? keyProblems(child, shape[key], childPath)
        : [`${childPath}: not a key of the chart's values`];
    });
  }
  const ok: Record<string, (v: unknown) => boolean> = {
    string: v => typeof v === 'string',
    boolean: v => typeof v === 'boolean',
    integer: v => Number.isInteger(v),
    array: v => Array.isArray(v),
    'boolean|string': v => typeof v === 'boolean' || typeof v === 'string',
    object: isMap,
    'map<string>': v =>
      isMap(v) && Object.values(v).every(s => typeof s === 'string'),
  };
  if (shape === 'opaque') {
    return [`${at}: rendered under a key the fixture does not list`];
  }
  if (!ok[shape]) throw new Error(`unknown kind '${shape}' at ${at}`);
  return ok[shape](value)
    ? []
    : [`${at}: ${JSON.stringify(value)} is no ${shape}`];
}

// ---------------------------------------------------------------------------------
// 3. What the host enforces on the merged values

/**
 * helm's coalesce of values over the chart's defaults (pkg/chartutil/coalesce.go):
 * maps merge key by key, anything else (lists included) replaces the default, and a
 * null removes a key the chart has.
 */
function coalesce(defaults: Values, values: Values): Values {
  const out: Values = { ...defaults };
  for (const [key, value] of Object.entries(values)) {
    if (value === null && key in defaults) delete out[key];
    else if (isMap(value) && isMap(defaults[key])) {
      out[key] = coalesce(defaults[key], value);
    } else out[key] = value;
  }
  return out;
}

const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** A Kubernetes quantity in thousandths of its unit (exact for m, Ki, Mi, Gi). */
function milli(value: string | number): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)([a-zA-Z]*)$/.exec(String(value));
  if (!match || SUFFIX[match[2]] === undefined) {
    throw new Error(`'${value}' is not a Kubernetes quantity`);
  }
  return Math.round(Number(match[1]) * SUFFIX[match[2]] * 1000);
}

/** Thousandths back to a quantity, in Mi or Gi when whole (for messages). */
function formatMilli(value: number): string {
  const units = value / 1000;
  if (units >= 2 ** 30 && units % 2 ** 30 === 0) return `${units / 2 ** 30}Gi`;
  if (units >= 2 ** 20 && units % 2 ** 20 === 0) return `${units / 2 ** 20}Mi`;
  return String(units);
}

/** resourcequota.yaml and limitrange.yaml: either "true", and its own not "false". */
function renders(own: unknown, other: unknown): boolean {
  return (
    (String(own) === 'true' || String(other) === 'true') &&
    String(own) !== 'false'
  );
}

type Resources = Record<string, string | number>;
interface Container {
  name: string;
  init: boolean;
  requests: Resources;
  limits: Resources;
}

const COMPUTE = ['cpu', 'memory', 'ephemeral-storage'];

/**
 * The control-plane pod's containers after the LimitRanger: a missing limit gets the
 * LimitRange's `default`, a missing request its `defaultRequest`.
 */
function controlPlaneContainers(
  merged: Values,
  distro: VirtualClusterDistro,
): Container[] {
  const lr = merged.policies.limitRange;
  const limitRange = renders(lr.enabled, merged.policies.resourceQuota.enabled)
    ? lr
    : { default: {}, defaultRequest: {} };
  const container = (name: string, init: boolean, resources: Values = {}) => ({
    name,
    init,
    requests: { ...limitRange.defaultRequest, ...resources.requests },
    limits: { ...limitRange.default, ...resources.limits },
  });
  return [
    container('syncer', false, merged.controlPlane.statefulSet.resources),
    container(
      distro === 'k8s' ? 'kubernetes' : 'vcluster',
      true,
      merged.controlPlane.distro[distro].resources,
    ),
  ];
}

/** The pod's usage of `requests.<r>` / `limits.<r>`: max(sum of containers, max init). */
function podUsage(containers: Container[], key: string): number {
  const [kind, resource] = key.split(/\.(.*)/) as [
    'requests' | 'limits',
    string,
  ];
  const amount = (c: Container) =>
    c[kind][resource] === undefined ? 0 : milli(c[kind][resource]);
  const sum = containers
    .filter(c => !c.init)
    .reduce((total, c) => total + amount(c), 0);
  return Math.max(sum, ...containers.filter(c => c.init).map(amount));
}

/** Node ports the control-plane Service takes (the quota's services evaluator). */
function nodePortsOf(service: Values): number {
  const spec = service.spec ?? {};
  const ports: Values[] = spec.ports ?? [{ name: 'https', port: 443 }];
  if (spec.type === 'NodePort') return ports.length;
  if (spec.type !== 'LoadBalancer') return 0;
  return spec.allocateLoadBalancerNodePorts === false
    ? ports.filter(p => p.nodePort).length
    : ports.length;
}

/**
 * What the host's admission refuses when helm installs the merged values: the
 * ResourceQuota and LimitRange vc-<name> come first (helm's install order), then the
 * Service, the StatefulSet's pod and its data PVC are counted against the quota.
 * `asked` is the user's quota; without it no ResourceQuota may render.
 */
function admissionProblems(
  merged: Values,
  distro: VirtualClusterDistro,
  asked: VirtualClusterQuota | undefined,
): string[] {
  const { resourceQuota, limitRange } = merged.policies;
  const quotaRenders = renders(resourceQuota.enabled, limitRange.enabled);
  if (!asked) {
    return quotaRenders ? ['a ResourceQuota renders, none was asked for'] : [];
  }
  if (!quotaRenders) return ['no ResourceQuota renders'];
  const hard: Resources = resourceQuota.quota ?? {};
  const problems: string[] = [];
  /** `hard[key]` must admit `used` (thousandths; `shown` as written). */
  const atMost = (key: string, used: number, what: string, shown?: string) => {
    if (hard[key] !== undefined && milli(hard[key]) < used) {
      problems.push(
        `${key} ${hard[key]} < ${shown ?? formatMilli(used)} for ${what}`,
      );
    }
  };

  // the quota the user asked for is the one in force
  const ASKED: Array<[keyof VirtualClusterQuota, string]> = [
    ['cpu', 'requests.cpu'],
    ['memory', 'requests.memory'],
    ['storage', 'requests.storage'],
    ['pods', 'count/pods'],
  ];
  for (const [field, key] of ASKED) {
    const want = asked[field];
    if (want === undefined) continue;
    if (hard[key] === undefined || milli(hard[key]) !== milli(want)) {
      problems.push(`${key} is ${hard[key]}, not the ${want} asked for`);
    }
  }
  // every pod's limits are at least its requests: limits.* below requests.* cap them
  for (const resource of ['cpu', 'memory']) {
    const [requests, limits] = [`requests.${resource}`, `limits.${resource}`];
    if (hard[requests] !== undefined && hard[limits] !== undefined) {
      atMost(
        limits,
        milli(hard[requests]),
        `the ${requests} quota`,
        String(hard[requests]),
      );
    }
  }

  // the Service <name> and the headless <name>-headless
  const service = merged.controlPlane.service;
  atMost('count/services', 2000, 'the Service and the headless Service');
  atMost('services.nodeports', nodePortsOf(service) * 1000, 'the Service');
  if (service.spec?.type === 'LoadBalancer') {
    atMost('services.loadbalancers', 1000, 'the LoadBalancer Service');
  }

  // the data PVC
  const claim = merged.controlPlane.statefulSet.persistence.volumeClaim;
  if (['true', 'auto'].includes(String(claim.enabled))) {
    atMost('count/persistentvolumeclaims', 1000, 'the data PVC');
    atMost('requests.storage', milli(claim.size), 'the data PVC', claim.size);
  }

  // the control-plane pod
  atMost('count/pods', 1000, 'the control-plane pod');
  const containers = controlPlaneContainers(merged, distro);
  for (const c of containers) {
    // the quota's pod evaluator: with cpu or memory quota'd, every container states it
    for (const kind of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory']) {
        if (hard[`${kind}.${resource}`] !== undefined && !c[kind][resource]) {
          problems.push(
            `container ${c.name} has no ${kind}.${resource} (its own or a LimitRange default), which the quota requires`,
          );
        }
      }
    }
    for (const resource of COMPUTE) {
      const [request, limit] = [c.requests[resource], c.limits[resource]];
      if (request !== undefined && limit !== undefined) {
        if (milli(limit) < milli(request)) {
          problems.push(
            `container ${c.name}: ${resource} request ${request} > limit ${limit}`,
          );
        }
      }
    }
  }
  for (const kind of ['requests', 'limits']) {
    for (const resource of COMPUTE) {
      const key = `${kind}.${resource}`;
      atMost(key, podUsage(containers, key), 'the control-plane pod');
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------
// 4. Exposure and distro

function exposureProblems(
  vc: VClusterObject,
  values: Values,
  merged: Values,
  exposure: 'LoadBalancer' | 'Ingress',
): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const endpoint = vc.spec?.controlPlaneEndpoint;
  if (exposure === 'LoadBalancer') {
    check(
      merged.controlPlane.service.spec.type === 'LoadBalancer',
      `the Service is a ${merged.controlPlane.service.spec.type}`,
    );
    check(merged.controlPlane.ingress.enabled === false, 'an Ingress renders');
    // the provider writes it from the Service's LoadBalancer address
    check(
      endpoint === undefined,
      `spec.controlPlaneEndpoint is set: ${JSON.stringify(endpoint)}`,
    );
    return problems;
  }
  // stated in the values, not left to the chart's defaults (marked deprecated there)
  const ingress = values.controlPlane?.ingress ?? {};
  const annotations = ingress.annotations ?? {};
  check(ingress.enabled === true, 'controlPlane.ingress.enabled is not true');
  check(
    ingress.host === INGRESS_HOST,
    `controlPlane.ingress.host is ${ingress.host}`,
  );
  check(
    annotations['nginx.ingress.kubernetes.io/ssl-passthrough'] === 'true',
    'no ssl-passthrough annotation "true"',
  );
  check(
    annotations['nginx.ingress.kubernetes.io/backend-protocol'] === 'HTTPS',
    'no backend-protocol annotation HTTPS',
  );
  check(
    (merged.controlPlane.proxy.extraSANs ?? []).includes(INGRESS_HOST),
    `controlPlane.proxy.extraSANs lacks ${INGRESS_HOST}`,
  );
  check(
    merged.exportKubeConfig.server === `https://${INGRESS_HOST}:443`,
    `exportKubeConfig.server is ${merged.exportKubeConfig.server}`,
  );
  check(
    merged.controlPlane.service.spec.type === 'ClusterIP',
    `the Service is a ${merged.controlPlane.service.spec.type}`,
  );
  check(
    JSON.stringify(endpoint) ===
      JSON.stringify({ host: INGRESS_HOST, port: 443 }),
    `spec.controlPlaneEndpoint is ${JSON.stringify(endpoint)}`,
  );
  return problems;
}

function distroProblems(
  merged: Values,
  distro: VirtualClusterDistro,
  kubernetesVersion: string,
): string[] {
  const problems: string[] = [];
  const distros: Values = merged.controlPlane.distro;
  for (const [name, settings] of Object.entries(distros)) {
    if ((settings.enabled === true) !== (name === distro)) {
      problems.push(
        `controlPlane.distro.${name}.enabled is ${settings.enabled}`,
      );
    }
  }
  const tag = distros[distro]?.image?.tag;
  if (!String(tag).startsWith(`v${kubernetesVersion}.`)) {
    problems.push(`the ${distro} image tag ${tag} is not ${kubernetesVersion}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------

function render(row: Parameters<typeof target>[0]) {
  const vc = vclusterObject(target(row));
  const values: Values = parse(vc.spec!.helmRelease!.values!);
  return { vc, values, merged: coalesce(CHART_DEFAULTS, values) };
}

describe('the VCluster the backend applies', () => {
  describe.each(ROWS)(
    '$distro $kubernetesVersion, chart $chart, $exposure, $quotaName',
    row => {
      const { vc, values, merged } = render(row);

      it('is accepted by the VCluster CRD (cluster-api-provider-vcluster v0.2.2)', () => {
        expect(crdProblems(vc)).toEqual([]);
        expect(vc.spec?.helmRelease?.chart).toEqual({
          name: 'vcluster',
          repo: 'https://charts.loft.sh',
          version: row.chart,
        });
      });

      it('has only values keys of its chart line', () => {
        const keys = KEYS[chartLine(row.chart)];
        if (!keys) {
          throw new Error(
            `no __fixtures__/upstream/vcluster-values-keys-${chartLine(
              row.chart,
            )}.yaml: write it from that line's chart/values.schema.json`,
          );
        }
        expect(keyProblems(values, keys)).toEqual([]);
      });

      it('runs the distro and version asked for', () => {
        expect(
          distroProblems(merged, row.distro, row.kubernetesVersion),
        ).toEqual([]);
      });

      // without a quota none may render; with one, Service, data PVC and pod fit it
      it(`is admitted by the host with ${row.quotaName}`, () => {
        expect(admissionProblems(merged, row.distro, row.quota)).toEqual([]);
      });

      it(`is exposed through ${row.exposure}`, () => {
        expect(exposureProblems(vc, values, merged, row.exposure)).toEqual([]);
      });
    },
  );
});

describe('the conformance checks', () => {
  const base = {
    distro: 'k8s' as const,
    chart: '0.33.0',
    kubernetesVersion: '1.33',
    exposure: 'LoadBalancer' as const,
  };

  it('refuse a spec.kubernetesVersion, which the CRD does not declare', () => {
    const { vc } = render(base);
    expect(
      crdProblems({ ...vc, spec: { ...vc.spec, kubernetesVersion: '1.33' } }),
    ).toEqual(['/spec must NOT have additional properties: kubernetesVersion']);
  });

  it('refuse k3s values on chart 0.33, where k3s was removed', () => {
    const { values } = render({ ...base, distro: 'k3s' });
    expect(keyProblems(values, KEYS['0.33'])).toEqual([
      "controlPlane.distro.k3s: not a key of the chart's values",
    ]);
    expect(keyProblems(values, KEYS['0.32'])).toEqual([]);
  });

  it('refuse a quota that leaves the chart defaults in force for a LoadBalancer', () => {
    const values = {
      controlPlane: { service: { spec: { type: 'LoadBalancer' } } },
      policies: {
        resourceQuota: { enabled: true, quota: { pods: 50 } },
        limitRange: { enabled: true },
      },
    };
    expect(
      admissionProblems(coalesce(CHART_DEFAULTS, values), 'k8s', { pods: 50 }),
    ).toEqual([
      'count/pods is 20, not the 50 asked for',
      'services.nodeports 0 < 1 for the Service',
    ]);
  });

  it('refuse limits.cpu in the quota without a LimitRange CPU default', () => {
    const values = {
      policies: {
        resourceQuota: { enabled: true },
        limitRange: { enabled: false },
      },
    };
    expect(
      admissionProblems(coalesce(CHART_DEFAULTS, values), 'k8s', {}),
    ).toEqual([
      'container syncer has no limits.cpu (its own or a LimitRange default), which the quota requires',
    ]);
  });

  it('merge values over the defaults as helm does', () => {
    expect(
      coalesce(
        { a: { b: 1, c: [1, 2], d: 'x' }, e: 1 },
        { a: { c: [3], d: null, f: 2 }, e: null, g: null },
      ),
    ).toEqual({ a: { b: 1, c: [3], f: 2 }, g: null });
  });
});
