import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TemplateBackendOptions } from './templateBackend';

/** A template test backend in a child process; see templateBackendMain.ts. */
export class TemplateBackendProcess {
  private constructor(
    private readonly child: ChildProcess,
    /** http://localhost:<port> */
    readonly baseUrl: string,
    private readonly output: string[],
  ) {}

  /** Starts the process and resolves once it serves. */
  static async start(
    options: TemplateBackendOptions,
  ): Promise<TemplateBackendProcess> {
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        // test helper run from the repository, never bundled
        // eslint-disable-next-line no-restricted-syntax
        join(__dirname, 'templateBackendMain.ts'),
        JSON.stringify(options),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        // not 'test' (inherited from jest): under it the scheduler skips its janitor,
        // so the lock of a task a killed backend was running would never expire
        env: { ...process.env, NODE_ENV: 'development' },
      },
    );
    const output: string[] = [];
    const port = await new Promise<number>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        output.push(text);
        const match = /^listening (\d+)$/m.exec(text);
        if (match) resolve(Number(match[1]));
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) =>
        output.push(chunk.toString()),
      );
      child.once('exit', code =>
        reject(
          new Error(
            `template backend exited with ${code} before serving:\n${output
              .join('')
              .slice(-4000)}`,
          ),
        ),
      );
    });
    return new TemplateBackendProcess(
      child,
      `http://localhost:${port}`,
      output,
    );
  }

  /** The last lines the process printed, for failure messages. */
  tail(chars = 4000) {
    return this.output.join('').slice(-chars);
  }

  /** Ends the process: SIGKILL is a crash, SIGTERM a graceful stop. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM') {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise(resolve => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}
