/**
 * What the containers of the plane "print": no container runs on the plane's hosts, so
 * the stand-in plays the node's container runtime and writes each container's output as
 * a deterministic rule, for tests to rely on:
 *
 * - when the container starts, `container <name> started (image <image>)`, then one line
 *   per entry of its `command` and then its `args`, as a program printing its own argv
 *   would (Kubernetes' `$(VAR)` references are left as written);
 * - then every {@link LOG_TICK_MS} ms, `container <name> running for <s>s`, the seconds
 *   since the container started, so that `kubectl logs -f` sees new lines arrive;
 * - the vcluster control plane's `syncer` container prints, when `vcluster start` fails,
 *   the error it exits with, `error: <message>` (the message is upstream's; the line's
 *   layout is the stand-in's, loft-sh/log's encoder is not available here), and exits:
 *   its next run is the next log file.
 *
 * Everything is written to stdout.
 */

/** The period of the `running for` lines. */
export const LOG_TICK_MS = 3_000;

/** The part of a container spec the rule reads. */
export interface LoggedContainer {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
}

/** The lines a container prints when it starts. */
export function containerStartLines(container: LoggedContainer): string[] {
  return [
    `container ${container.name} started (image ${container.image ?? ''})`,
    ...(container.command ?? []),
    ...(container.args ?? []),
  ];
}

/** The line a running container prints every {@link LOG_TICK_MS} ms. */
export function containerTickLine(
  name: string,
  secondsRunning: number,
): string {
  return `container ${name} running for ${secondsRunning}s`;
}

/** The pattern of {@link containerTickLine}, for tests. */
export const CONTAINER_TICK_LINE = /^container (\S+) running for (\d+)s$/;

/**
 * One line of a CRI log file, as kwok's kubelet API reads it (k8s.io/cri-client v0.36.1,
 * kwok v0.8.0's, pkg/logs/logs.go parseCRILog: `<timestamp> <stream> <tag> <content>`,
 * tag `F` for a full line), the timestamp in its fixed-width RFC3339NanoFixed.
 */
export function criLogLine(text: string, at: Date = new Date()): string {
  const iso = at.toISOString(); // 2026-12-06T21:36:01.123Z
  return `${iso.slice(0, 23)}000000Z stdout F ${text}\n`;
}
