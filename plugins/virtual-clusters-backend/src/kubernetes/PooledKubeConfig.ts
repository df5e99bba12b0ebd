import { KubeConfig, RequestContext } from '@kubernetes/client-node';
import { Agent } from 'node:https';

/**
 * A KubeConfig whose requests share one keep-alive HTTPS agent. @kubernetes/client-node
 * makes a new agent, and so a new TLS connection, for every request; a backend that
 * reads the same virtual cluster again and again would pay a handshake per list.
 * The agent keeps the TLS options (CA, client certificate) the client computed for
 * the first request; headers (tokens) are still set per request.
 */
export class PooledKubeConfig extends KubeConfig {
  #agent?: Agent;

  override async applySecurityAuthentication(
    context: RequestContext,
  ): Promise<void> {
    await super.applySecurityAuthentication(context);
    const created = context.getAgent();
    if (!(created instanceof Agent)) return;
    this.#agent ??= new Agent({
      ...created.options,
      keepAlive: true,
      maxSockets: 16,
    });
    context.setAgent(this.#agent);
  }

  /** Closes the pooled connections. */
  close() {
    this.#agent?.destroy();
    this.#agent = undefined;
  }
}
