/*
 * Runs startTemplateBackend in a process of its own, so a test can kill it like a
 * crashed backend: `node --require @backstage/cli-node/config/nodeTransform.cjs
 * templateBackendMain.ts '<TemplateBackendOptions as JSON>'`. Prints
 * `listening <port>` once it serves.
 */
import { startTemplateBackend } from './templateBackend';

startTemplateBackend(JSON.parse(process.argv[2])).then(
  backend => {
    process.stdout.write(`listening ${backend.server.port()}\n`);
    process.once('SIGTERM', () => {
      backend.stop().finally(() => process.exit(0));
    });
  },
  error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
