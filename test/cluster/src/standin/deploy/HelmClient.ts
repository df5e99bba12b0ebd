import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** pkg/helm/helm.go v0.32.3 UpgradeOptions (the fields the deploy controller sets). */
export interface UpgradeOptions {
  chart?: string;
  path?: string;
  repo?: string;
  version?: string;
  values?: string;
  createNamespace?: boolean;
  username?: string;
  password?: string;
  workDir?: string;
  insecure?: boolean;
}

/** What a helm process left: its combined output, how it ended. */
interface Run {
  output: string;
  /** Go's exec error text ("exit status 1", "signal: killed"), when it failed. */
  error?: string;
  timedOut: boolean;
}

/** The stand-in was stopped (the container went away) while a command ran. */
export class Stopped extends Error {
  constructor() {
    super('stopped');
  }
}

/**
 * The helm client of vcluster's syncer (pkg/helm/helm.go v0.32.3), running the real
 * helm binary with the same command lines, working directories and error texts: each
 * call writes the virtual cluster's kubeconfig to a temp file (WriteKubeConfig), the
 * values to another, and turns a failure into `error executing helm <args>: <output>`.
 * Temp files go to `tmpDir`, which plays the container's /tmp.
 */
export class HelmClient {
  readonly #helm: string;
  readonly #kubeconfig: string;
  readonly #tmpDir: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #signal: AbortSignal;

  constructor(options: {
    helmPath: string;
    /** The kubeconfig of the virtual API server (its contents). */
    kubeconfig: string;
    tmpDir: string;
    /** HOME of the container (helm's cache and config live under it). */
    home: string;
    signal: AbortSignal;
  }) {
    this.#helm = options.helmPath;
    this.#kubeconfig = options.kubeconfig;
    this.#tmpDir = options.tmpDir;
    this.#signal = options.signal;
    this.#env = {
      PATH: process.env.PATH,
      HOME: options.home,
      TMPDIR: options.tmpDir,
    };
  }

  /** os.CreateTemp("", ""): a file with a random number for a name. */
  #tempFile(content: string): string {
    mkdirSync(this.#tmpDir, { recursive: true });
    const file = join(this.#tmpDir, String(randomInt(1e9, 1e10)));
    writeFileSync(file, content, { mode: 0o600 });
    return file;
  }

  /** exec.CommandContext(...).CombinedOutput(), killed at the deadline or when stopped. */
  #exec(
    args: string[],
    options: { cwd?: string; timeoutMs?: number } = {},
  ): Promise<Run> {
    if (this.#signal.aborted) return Promise.reject(new Stopped());
    return new Promise((resolve, reject) => {
      const child = spawn(this.#helm, args, {
        cwd: options.cwd || this.#tmpDir,
        env: this.#env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const chunks: Buffer[] = [];
      child.stdout.on('data', c => chunks.push(c));
      child.stderr.on('data', c => chunks.push(c));
      let timedOut = false;
      const timer =
        options.timeoutMs !== undefined
          ? setTimeout(() => {
              timedOut = true;
              child.kill('SIGKILL');
            }, Math.max(0, options.timeoutMs))
          : undefined;
      const stop = () => child.kill('SIGKILL');
      this.#signal.addEventListener('abort', stop, { once: true });
      child.on('error', error => {
        clearTimeout(timer);
        this.#signal.removeEventListener('abort', stop);
        reject(error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        this.#signal.removeEventListener('abort', stop);
        if (this.#signal.aborted) {
          reject(new Stopped());
          return;
        }
        const output = Buffer.concat(chunks).toString('utf8');
        let error: string | undefined;
        if (signal)
          error = `signal: ${signal === 'SIGKILL' ? 'killed' : signal}`;
        else if (code !== 0) error = `exit status ${code}`;
        resolve({ output, error, timedOut });
      });
    });
  }

  /** execute: the timeout's error (its arguments in upstream's order), else the command's. */
  async #execute(
    args: string[],
    operation: string,
    workDir: string | undefined,
    timeoutMs?: number,
  ): Promise<void> {
    const run = await this.#exec(args, { cwd: workDir, timeoutMs });
    if (run.timedOut) {
      throw new Error(
        `error executing helm ${run.output}: ${operation} operation timedout`,
      );
    }
    if (run.error) {
      throw new Error(`error executing helm ${args.join(' ')}: ${run.output}`);
    }
  }

  /** run: `helm <command> <name> <path> [--create-namespace] --kubeconfig --namespace <extra> [--values]`. */
  async #run(
    name: string,
    namespace: string,
    options: UpgradeOptions,
    command: string,
    extraArgs: string[],
    timeoutMs?: number,
  ): Promise<void> {
    const kubeconfig = this.#tempFile(this.#kubeconfig);
    const files = [kubeconfig];
    try {
      const args = [command, name];
      if (options.path) args.push(options.path);
      else {
        if (options.chart) args.push(options.chart);
        if (options.repo) args.push('--repo', options.repo);
        if (options.version) args.push('--version', options.version);
      }
      if (options.createNamespace) args.push('--create-namespace');
      if (options.insecure) args.push('--insecure-skip-tls-verify');
      args.push('--kubeconfig', kubeconfig, '--namespace', namespace);
      args.push(...extraArgs);
      if (options.values) {
        const values = this.#tempFile(options.values);
        files.push(values);
        args.push('--values', values);
      }
      await this.#execute(args, command, options.workDir, timeoutMs);
    } finally {
      for (const f of files) rmSync(f, { force: true });
    }
  }

  install(
    name: string,
    namespace: string,
    options: UpgradeOptions,
    timeoutMs: number,
  ) {
    return this.#run(
      name,
      namespace,
      options,
      'install',
      ["--repository-config=''"],
      timeoutMs,
    );
  }

  upgrade(
    name: string,
    namespace: string,
    options: UpgradeOptions,
    timeoutMs: number,
  ) {
    return this.#run(
      name,
      namespace,
      options,
      'upgrade',
      ['--install', "--repository-config=''"],
      timeoutMs,
    );
  }

  rollback(name: string, namespace: string) {
    return this.#run(name, namespace, {}, 'rollback', []);
  }

  /**
   * pull: `helm pull <name> <chart> --repo <repo> [--version]` into the work dir (the
   * chart's name twice, as upstream passes it), `oci://<repo>/<chart>` for OCI; a
   * registry login first when credentials are given, a logout after in any case.
   */
  async pull(name: string, options: UpgradeOptions): Promise<void> {
    if (!options.repo) throw new Error('cannot deploy chart without repo');
    let host = '';
    try {
      host = new URL(options.repo).hostname;
    } catch {
      if (options.username && options.password) {
        throw new Error(
          `error login to registry: error login in, repo is not a valid URL: ${options.repo}`,
        );
      }
    }
    if (options.username && options.password) {
      const login = [
        'registry',
        'login',
        '--username',
        options.username,
        '--password',
        options.password,
        host,
      ];
      if (options.insecure) login.push('--insecure');
      try {
        await this.#execute(login, 'login', options.workDir);
      } catch (error) {
        if (error instanceof Stopped) throw error;
        throw new Error(`error login to registry: ${(error as Error).message}`);
      }
    }
    try {
      const args = ['pull'];
      if (options.repo.startsWith('oci://')) {
        args.push(`${options.repo}/${options.chart}`);
      } else {
        args.push(name, options.chart ?? '', '--repo', options.repo);
      }
      if (options.version) args.push('--version', options.version);
      if (options.insecure) args.push('--insecure-skip-tls-verify');
      await this.#execute(args, 'pull', options.workDir);
    } finally {
      if (host && !this.#signal.aborted) {
        const logout = ['registry', 'logout', host];
        if (options.insecure) logout.push('--insecure');
        await this.#exec(logout).catch(() => undefined);
      }
    }
  }

  /** Delete: `helm delete`; a release that is not there is its own error. */
  async delete(name: string, namespace: string): Promise<void> {
    const kubeconfig = this.#tempFile(this.#kubeconfig);
    try {
      const run = await this.#exec([
        'delete',
        name,
        '--namespace',
        namespace,
        '--kubeconfig',
        kubeconfig,
        "--repository-config=''",
      ]);
      if (run.error) {
        if (run.output.includes('release: not found')) {
          throw new Error(
            `release '${name}' was not found in namespace '${namespace}'`,
          );
        }
        throw new Error(`error executing helm delete: ${run.output}`);
      }
    } finally {
      rmSync(kubeconfig, { force: true });
    }
  }

  /** Exists: `helm status` succeeds; "release: not found" is false, other failures errors. */
  async exists(name: string, namespace: string): Promise<boolean> {
    const run = await this.status(name, namespace);
    if (!run.error) return true;
    if (run.output.includes('release: not found')) return false;
    throw new Error(`error executing helm status: ${run.output}`);
  }

  /** Status: `helm status` with its output, whether it failed or not. */
  async status(
    name: string,
    namespace: string,
  ): Promise<{ output: string; error?: string }> {
    const kubeconfig = this.#tempFile(this.#kubeconfig);
    try {
      const { output, error } = await this.#exec([
        'status',
        name,
        '--namespace',
        namespace,
        '--kubeconfig',
        kubeconfig,
      ]);
      return { output, error };
    } finally {
      rmSync(kubeconfig, { force: true });
    }
  }
}
