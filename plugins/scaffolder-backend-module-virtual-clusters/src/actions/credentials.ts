import { AuthService } from '@backstage/backend-plugin-api';

/** A function that returns a token for the virtual-clusters backend, on behalf of the task's initiator. */
export function initiatorToken(
  auth: AuthService,
  ctx: {
    getInitiatorCredentials(): Promise<
      Parameters<AuthService['getPluginRequestToken']>[0]['onBehalfOf']
    >;
  },
): () => Promise<string> {
  return async () => {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await ctx.getInitiatorCredentials(),
      targetPluginId: 'virtual-clusters',
    });
    return token;
  };
}
