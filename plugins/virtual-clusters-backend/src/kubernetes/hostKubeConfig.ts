import { KubeConfig } from '@kubernetes/client-node';
import { HostClusterSettings } from '../config';
import { tokenKubeConfig } from './kubeConfigs';

/** Builds the client configuration of one host cluster from its settings. */
export function hostKubeConfig(settings: HostClusterSettings): KubeConfig {
  const { auth } = settings;
  if (auth.type === 'inCluster') {
    const kc = new KubeConfig();
    kc.loadFromCluster();
    return kc;
  }
  if (auth.type === 'kubeconfig') {
    const kc = new KubeConfig();
    kc.loadFromFile(auth.kubeconfigPath);
    if (auth.context) kc.setCurrentContext(auth.context);
    return kc;
  }
  return tokenKubeConfig({
    name: settings.name,
    server: settings.url!,
    caData: settings.caData,
    caFile: settings.caFile,
    skipTLSVerify: settings.skipTLSVerify,
    user: 'backstage',
    token: auth.serviceAccountToken,
  });
}
