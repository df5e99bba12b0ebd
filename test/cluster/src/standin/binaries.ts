import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The Kubernetes version a distro image runs, from its tag: rancher/k3s `v1.32.5-k3s1`
 * reports gitVersion `v1.32.5+k3s1` (k3s's own version scheme), a kube-apiserver image
 * `v1.32.5` reports `v1.32.5`. Undefined for a tag that names no version.
 */
export function gitVersionOfImage(tag: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-(k3s\d+))?$/.exec(tag);
  if (!match) return undefined;
  const [, major, minor, patch, k3s] = match;
  return `v${major}.${minor}.${patch}${k3s ? `+${k3s}` : ''}`;
}

/** The control-plane binaries that carry the distro's version. */
export const STAMPED = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
] as const;

/** Paths of the stamped binaries of one version. */
export type StampedBinaries = Record<(typeof STAMPED)[number], string>;

/**
 * Control-plane binaries that are a distro's version. The local host cannot run k3s or
 * kube-apiserver images, so each virtual control plane runs the plane's own
 * kube-apiserver, kube-controller-manager and kube-scheduler, linked again (from the Go
 * build cache: seconds, not the build's minutes) with the version stamped the way
 * Kubernetes' hack/lib/version.sh does. They answer `/version` with it and, since
 * Kubernetes derives its compatibility version from the binary version, serve the API
 * groups and feature-gate defaults of that minor (k8s.io/component-base/compatibility);
 * the code is still the plane's version's.
 */
export class VersionedBinaries {
  readonly #binDir: string;
  readonly #module: string;
  readonly #out: string;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #building = new Map<string, Promise<string>>();
  static readonly #shared = new Map<string, VersionedBinaries>();

  /** One linker per cache, so that two hosts never link the same binary at once. */
  static shared(binDir: string): VersionedBinaries {
    let binaries = VersionedBinaries.#shared.get(binDir);
    if (!binaries) {
      binaries = new VersionedBinaries(binDir);
      VersionedBinaries.#shared.set(binDir, binaries);
    }
    return binaries;
  }

  constructor(binDir: string) {
    this.#binDir = binDir;
    const cache = dirname(binDir);
    this.#module = join(cache, 'src', 'kubernetes');
    this.#out = join(cache, 'versions');
  }

  /** The binaries for `gitVersion` if they are there already; starts linking them if not. */
  ready(gitVersion: string): StampedBinaries | undefined {
    if (!existsSync(join(this.#module, 'go.mod'))) {
      // no build tree (binaries from elsewhere): serve the plane's own version
      return Object.fromEntries(
        STAMPED.map(b => [b, join(this.#binDir, b)]),
      ) as StampedBinaries;
    }
    const files = Object.fromEntries(
      STAMPED.map(b => [b, join(this.#out, `${b}-${gitVersion}`)]),
    ) as StampedBinaries;
    if (STAMPED.every(b => existsSync(files[b]))) return files;
    if (!this.#building.has(gitVersion)) {
      const job = this.#queue.then(async () => {
        for (const b of STAMPED) {
          if (!existsSync(files[b])) await this.#link(b, gitVersion, files[b]);
        }
        return gitVersion;
      });
      this.#queue = job.catch(() => undefined);
      this.#building.set(gitVersion, job);
      job.catch(() => this.#building.delete(gitVersion));
    }
    return undefined;
  }

  async #link(
    binary: string,
    gitVersion: string,
    file: string,
  ): Promise<string> {
    mkdirSync(this.#out, { recursive: true });
    const [, major, minor] = /^v(\d+)\.(\d+)/.exec(gitVersion)!;
    const flags = [
      'k8s.io/component-base/version',
      'k8s.io/client-go/pkg/version',
    ]
      .flatMap(p => [
        `-X ${p}.gitVersion=${gitVersion}`,
        `-X ${p}.gitMajor=${major}`,
        `-X ${p}.gitMinor=${minor}`,
        `-X ${p}.gitTreeState=clean`,
      ])
      .join(' ');
    await run(
      'go',
      [
        'build',
        '-trimpath',
        `-ldflags=-s -w ${flags}`,
        '-o',
        `${file}.tmp`,
        `k8s.io/kubernetes/cmd/${binary}`,
      ],
      {
        cwd: this.#module,
        env: { ...process.env, GOFLAGS: '-buildvcs=false', CGO_ENABLED: '0' },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    renameSync(`${file}.tmp`, file);
    return file;
  }
}
