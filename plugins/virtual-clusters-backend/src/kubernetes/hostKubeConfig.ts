import { KubeConfig } from '@kubernetes/client-node';
import { HostClusterSettings } from '../config';

/** Builds the client configuration of one host cluster from its settings. */
export function createKubeConfig(settings: HostClusterSettings): KubeConfig {
  const kc = new KubeConfig();
  const { auth } = settings;
  if (auth.type === 'inCluster') {
    kc.loadFromCluster();
    return kc;
  }
  if (auth.type === 'kubeconfig') {
    kc.loadFromFile(auth.kubeconfigPath);
    if (auth.context) kc.setCurrentContext(auth.context);
    return kc;
  }
  kc.loadFromOptions({
    clusters: [
      {
        name: settings.name,
        server: settings.url!,
        caData: settings.caData,
        caFile: settings.caFile,
        skipTLSVerify: settings.skipTLSVerify,
      },
    ],
    users: [{ name: 'backstage', token: auth.serviceAccountToken }],
    contexts: [
      { name: settings.name, cluster: settings.name, user: 'backstage' },
    ],
    currentContext: settings.name,
  });
  return kc;
}
