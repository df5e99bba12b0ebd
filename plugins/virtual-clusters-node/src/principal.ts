import {
  BackstageCredentials,
  BackstagePrincipalTypes,
} from '@backstage/backend-plugin-api';

/**
 * Who a request acts for, as the timeline, the audit log and kubeconfig names write
 * it: a user's entity ref (`user:default/jane`), a service's subject
 * (`plugin:scaffolder`, `external:ci`), or `none`. The one way the plugin family
 * turns credentials into a name.
 *
 * @public
 */
export function principalName(credentials: BackstageCredentials): string {
  const principal = credentials.principal as BackstagePrincipalTypes[
    | 'user'
    | 'service'
    | 'none'];
  switch (principal.type) {
    case 'user':
      return principal.userEntityRef;
    case 'service':
      return principal.subject;
    default:
      return principal.type;
  }
}
