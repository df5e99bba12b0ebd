import type { CoreV1Api } from '@kubernetes/client-node';
import { get, type Values } from './chart/coalesce.ts';
import { ignoreStatus } from './errors.ts';

/** pkg/config/validation.go (v0.32.3) allowedPodSecurityStandards. */
const ALLOWED = new Set(['privileged', 'baseline', 'restricted']);

/** k8s.io/pod-security-admission/api constants.go (v0.35.0, in vcluster v0.32.3's go.mod): the labels, "latest". */
const ENFORCE = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';
const WARN = 'pod-security.kubernetes.io/warn';
const WARN_VERSION = 'pod-security.kubernetes.io/warn-version';
const LATEST = 'latest';

/** `policies.podSecurityStandard` of a vcluster config, '' when unset. */
export function podSecurityStandard(values: Values): string {
  const standard = get(values, 'policies', 'podSecurityStandard');
  return standard === undefined || standard === null ? '' : String(standard);
}

/**
 * The error `vcluster start` exits with for the config, or undefined when it starts: the
 * pod-security check of pkg/config/validation.go ValidateConfigAndSetDefaults (v0.32.3),
 * which pkg/config/parse.go ParseConfig wraps ("parsing config bytes: ...") and
 * cmd/vcluster/cmd/start.go StartInCluster returns before anything else starts.
 */
export function configError(values: Values): string | undefined {
  const standard = podSecurityStandard(values);
  if (standard !== '' && !ALLOWED.has(standard)) {
    return `parsing config bytes: invalid argument enforce-pod-security-standard=${standard}, must be one of: privileged, baseline, restricted`;
  }
  return undefined;
}

/**
 * One pass of the syncer's pod-security controller (pkg/controllers/podsecurity/
 * podsecurity.go v0.32.3, registered by pkg/controllers/register.go when
 * `policies.podSecurityStandard` is set): every namespace of the virtual cluster whose
 * `enforce` label is missing or names another level gets `enforce` and `warn` set to the
 * level and both versions to `latest` (an Update; a conflict is retried next pass).
 * The virtual kube-apiserver's own PodSecurity admission then enforces them.
 */
export async function enforcePodSecurityStandard(
  virtual: CoreV1Api,
  standard: string,
  log: (message: string) => void,
): Promise<void> {
  const namespaces = await virtual.listNamespace();
  for (const ns of namespaces.items) {
    const labels = ns.metadata?.labels ?? {};
    if (labels[ENFORCE] === standard) continue;
    const body = structuredClone(ns);
    body.metadata!.labels = {
      ...labels,
      [ENFORCE]: standard,
      [ENFORCE_VERSION]: LATEST,
      [WARN]: standard,
      [WARN_VERSION]: LATEST,
    };
    const updated = await virtual
      .replaceNamespace({ name: ns.metadata!.name!, body })
      .catch(ignoreStatus(409))
      .catch(ignoreStatus(404));
    if (updated) {
      log(
        `enforcing pod security standard "${standard}" on namespace "${
          ns.metadata!.name
        }"`,
      );
    }
  }
}
